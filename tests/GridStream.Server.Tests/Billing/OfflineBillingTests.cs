using System.Net.Http.Json;
using System.Text.Json;
using GridStream.Domain.Accounts;
using GridStream.Server.Billing;
using GridStream.Server.Data;
using GridStream.Server.Tests.Infrastructure;

namespace GridStream.Server.Tests.Billing;

/// <summary>Without Stripe settings the server runs offline: nothing fails, usage waits in the outbox.</summary>
public sealed class OfflineBillingTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private GridStreamFactory Server => fixture.Server;

    [Fact]
    public async Task Healthz_says_stripe_is_not_configured_and_stays_healthy()
    {
        using var client = Server.Anonymous();

        var report = JsonDocument.Parse(await client.GetStringAsync("/healthz")).RootElement;

        Assert.Equal("Healthy", report.GetProperty("status").GetString());
        var stripe = report.GetProperty("checks").GetProperty("stripe");
        Assert.Equal("Healthy", stripe.GetProperty("status").GetString());
        Assert.Contains("not configured", stripe.GetProperty("description").GetString());
    }

    [Fact]
    public async Task Keys_and_jobs_work_and_their_usage_waits_in_the_outbox()
    {
        using var admin = await Server.AdminAsync();
        using var customer = await Server.SignedUpAsync(Roles.Customer);
        (await customer.PostAsJsonAsync("/api/keys", new { name = "offline" })).EnsureSuccessStatusCode();
        var job = await ValidatedUsage.ComputeJobAsync(Server, customer, units: 2, priceCentsPerUnit: 5, "10.64.0");

        var relay = await (await admin.PostAsync("/api/admin/billing/usage/relay", null)).Content.ReadFromJsonAsync<UsageRelayReport>();

        Assert.False(relay!.Ran);
        Assert.Contains("not configured", relay.Reason);
        Assert.All(await ValidatedUsage.RowsOfAsync(Server, job), row => Assert.Equal(UsageRelayState.Pending, row.StripeState));
        Assert.Null(await ValidatedUsage.StripeCustomerOfAsync(Server, await Licensing.LicensingClient.IdOfAsync(customer)));
        var outbox = (await admin.GetFromJsonAsync<UsageOutbox>("/api/admin/billing/usage?state=Pending"))!;
        Assert.False(outbox.StripeConfigured);
        Assert.Equal(2, outbox.Counts["Pending"]);
    }

    [Fact]
    public async Task The_stripe_usage_check_is_not_run_and_the_account_says_offline()
    {
        using var admin = await Server.AdminAsync();
        using var customer = await Server.SignedUpAsync(Roles.Customer);

        var report = (await admin.GetFromJsonAsync<GridStream.Server.Payouts.ReconciliationReport>("/api/admin/reconciliation"))!;
        var account = (await customer.GetFromJsonAsync<BillingAccountView>("/api/billing/account"))!;

        var usage = Assert.Single(report.External, e => e.Name == CheckStripeUsage.Name);
        Assert.Equal("Stripe is not configured", usage.NotChecked);
        Assert.Equal(0, usage.UnmatchedCount);
        Assert.Equal((StripeConnection.Offline, (string?)null, GridStream.Domain.Billing.Standing.Good), (account.Stripe, account.StripeCustomerId, account.Standing));
    }
}
