using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using GridStream.Server.Data;
using GridStream.Server.Tests.Infrastructure;
using GridStream.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Stripe;

namespace GridStream.Server.Tests.Billing;

/// <summary>Steps the invoice tests share: relaying usage as an admin would, and reading the ledger and invoices as stored.</summary>
internal static class InvoiceFlow
{
    public const string WebhookPath = "/api/billing/stripe/webhook";

    /// <summary>Relays until no usage row in the database is Pending (rows that must wait are retried by later runs).</summary>
    public static async Task RelayEverythingAsync(GridStreamFactory server, HttpClient admin)
    {
        var deadline = DateTime.UtcNow.AddSeconds(120);
        while (await CountAsync(server, """SELECT count(*) FROM compute_usage WHERE "StripeState" = 'Pending'""") > 0)
        {
            Assert.True(DateTime.UtcNow < deadline, "usage rows still wait after 120 s of relaying");
            using var response = await admin.PostAsync("/api/admin/billing/usage/relay", null);
            Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
            await Task.Delay(250);
        }
    }

    /// <summary>The customer's usage account as the ledger has it (credits − debits, posted): negative = owed.</summary>
    public static Task<long> UsageBalanceAsync(GridStreamFactory server, Guid customerId) => CountAsync(server,
        """
        SELECT COALESCE(sum("CreditsPosted" - "DebitsPosted"), 0)::bigint FROM ledger_accounts
        WHERE "OwnerId" = $1 AND "Purpose" = 'Usage' AND "Currency" = 'Usd'
        """, customerId);

    /// <summary>The ledger transfers of one kind that reference the invoice.</summary>
    public static Task<long> TransfersAsync(GridStreamFactory server, string kind, string invoiceId) => CountAsync(server,
        """SELECT count(*) FROM ledger_transfers WHERE "Kind" = $1 AND "Reference" = $2""", kind, invoiceId);

    public static async Task<StripeInvoice?> InvoiceAsync(GridStreamFactory server, string invoiceId)
    {
        await using var scope = server.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GridStreamDbContext>();
        return await db.StripeInvoices.AsNoTracking().SingleOrDefaultAsync(i => i.InvoiceId == invoiceId);
    }

    public static async Task<List<StripeWebhookEvent>> EventsAboutAsync(GridStreamFactory server, string objectId)
    {
        await using var scope = server.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GridStreamDbContext>();
        return await db.StripeWebhookEvents.AsNoTracking().Where(e => e.ObjectId == objectId).ToListAsync();
    }

    /// <summary>
    /// Sends a raised event again under a new event id, correctly signed: as Stripe may announce one payment twice
    /// (e.g. an event re-created after an API version upgrade). Returns the server's receipt.
    /// </summary>
    public static async Task<JsonObject> DeliverUnderNewIdAsync(GridStreamFactory server, FakeStripe stripe, FakeEvent raised)
    {
        var json = JsonNode.Parse(raised.Json)!.AsObject();
        json["id"] = "evt_copy_" + Guid.NewGuid().ToString("N");
        var payload = json.ToJsonString();
        var header = EventUtility.GenerateSignatureHeader(payload, stripe.WebhookSecret, DateTimeOffset.UtcNow.ToUnixTimeSeconds());
        using var client = server.Anonymous();
        using var request = new HttpRequestMessage(HttpMethod.Post, WebhookPath) { Content = new StringContent(payload, Encoding.UTF8, "application/json") };
        request.Headers.TryAddWithoutValidation("Stripe-Signature", header);
        using var response = await client.SendAsync(request);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    private static async Task<long> CountAsync(GridStreamFactory server, string sql, params object[] parameters)
    {
        var dataSource = server.Services.GetRequiredService<NpgsqlDataSource>();
        await using var command = dataSource.CreateCommand(sql);
        foreach (var parameter in parameters)
        {
            command.Parameters.Add(new() { Value = parameter });
        }

        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
