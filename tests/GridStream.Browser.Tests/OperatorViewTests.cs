using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using GridStream.Agent.Cli;
using GridStream.Browser.Tests.Infrastructure;
using GridStream.Domain.Demo;
using GridStream.Server.Tests.Infrastructure;
using Microsoft.Playwright;
using Npgsql;

namespace GridStream.Browser.Tests;

/// <summary>
/// The operator's page, walked as an operator would: sign in as the host's admin, watch a swarm of headless agents on
/// the live demo stream form and share, see the broker validate a customer's units, and read the books — balanced,
/// then with a tampered row the report must flag. Every figure on the page is checked against the API's.
/// </summary>
public sealed class OperatorViewTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private const int Viewers = 6;
    private const int Units = 20;
    private const int PriceCents = 2;

    [Fact]
    public async Task The_operator_sees_the_swarm_the_broker_and_the_books_as_the_api_reports_them()
    {
        var page = await fixture.NewPageAsync();
        await AdminSteps.SignInAsync(page, "operator-01-sign-in");
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Background jobs (Hangfire dashboard)" })).ToHaveAttributeAsync("href", "/hangfire");
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "API reference (Scalar)" })).ToHaveAttributeAsync("href", "/scalar");
        await Assertions.Expect(page.Locator("#swarms")).ToContainTextAsync("No one is watching right now.");
        await Assertions.Expect(page.Locator("#broker-waiting")).ToHaveTextAsync("0");
        await Screenshots.SaveAsync(page, "operator-02-quiet");

        using var admin = await fixture.Server.AdminAsync();
        using var customer = await fixture.Server.SignedUpAsync("customer");
        var job = Jobs.IdOf(await Jobs.SubmitAsync(customer, new
        {
            name = "operator watch", code = Jobs.Doubling, inputs = Enumerable.Range(1, Units).ToArray(), priceCentsPerUnit = PriceCents,
        }));
        await Assertions.Expect(page.Locator("#broker-waiting")).ToHaveTextAsync(Units.ToString(CultureInfo.InvariantCulture));
        await Screenshots.SaveAsync(page, "operator-03-job-waiting");

        await WaitForLiveStreamAsync(admin);
        using var agents = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        var swarm = AgentCommandLine.RunAsync(
            ["swarm", "--server", fixture.Server.Address.ToString(), "--content", DemoItems.Live.ToString(), "--rendition", DemoItems.Rendition,
             "--viewers", Viewers.ToString(CultureInfo.InvariantCulture), "--compute", "2", "--cores", "1", "--seconds", "40"],
            TextWriter.Null, TextWriter.Null, agents.Token);

        // Once every agent has joined and peers have passed segments on, the page shows what the API says.
        var live = await WaitForSwarmAsync(admin, view => view.Peers == Viewers && view.PeerBytes > 0);
        var shown = await SwarmThePageRenderedAsync(page);
        Assert.Equal(Viewers, shown.Peers);
        Assert.Equal(live.GroupSizes, shown.GroupSizes);
        Assert.True(shown.PeerSharePerTenThousand > 0, $"The P2P share is {shown.PeerSharePerTenThousand} basis points.");
        var row = page.Locator($"#swarms tr[data-content='{DemoItems.Live}'][data-rendition='{DemoItems.Rendition}']");
        await Assertions.Expect(row.Locator("th")).ToHaveTextAsync("Test pattern (live)");
        await Assertions.Expect(row.Locator("[data-field=peers]")).ToHaveTextAsync(shown.Peers.ToString(CultureInfo.InvariantCulture));
        await Assertions.Expect(row.Locator("[data-field=groups]")).ToHaveTextAsync(GroupsText(shown.GroupSizes));
        await Screenshots.SaveAsync(page, "operator-04-swarm");

        // The two computing agents validate the customer's units; the broker section counts them as the API does.
        await Jobs.WaitForStateAsync(customer, job, "Completed", TimeSpan.FromMinutes(2));
        var broker = await admin.GetFromJsonAsync<JsonElement>("/api/admin/broker");
        Assert.InRange(broker.GetProperty("acceptedInWindow").GetInt64(), 1, Units);
        await page.WaitForFunctionAsync("() => Number(document.querySelector('#broker-accepted')?.dataset.value) > 0");
        var accepted = long.Parse((await page.Locator("#broker-accepted").GetAttributeAsync("data-value"))!, CultureInfo.InvariantCulture);
        Assert.InRange(accepted, 1, Units);
        await Assertions.Expect(page.Locator("#broker-waiting")).ToHaveTextAsync("0");
        await Assertions.Expect(page.Locator("#broker-disagreement-rate")).ToHaveTextAsync("0.00 %");
        await Assertions.Expect(page.Locator("#broker-error-rate")).ToHaveTextAsync(BasisPoints(broker.GetProperty("errorRatePerTenThousand").GetInt32()));
        var computing = broker.GetProperty("trust").EnumerateArray().Sum(bucket => bucket.GetProperty("accounts").GetInt64());
        Assert.Equal(2, computing);
        Assert.Equal(2, await SumOfTrustRowsAsync(page));
        await Screenshots.SaveAsync(page, "operator-05-broker");

        Assert.Equal(0, await swarm);

        // With the agents gone the books stand still: the page's report is the API's, and it balances.
        var books = await ReloadReconciliationAsync(page, admin);
        Assert.True(books.GetProperty("balanced").GetBoolean(), books.ToString());
        Assert.True(CreditsIssued(books) > 0, "The agents earned no credits.");
        await Assertions.Expect(page.Locator("#reconciliation-verdict")).ToHaveTextAsync(new Regex("The books are balanced"));
        await ExpectReportShownAsync(page, books);
        await Assertions.Expect(page.Locator("#reconciliation-unmatched")).ToHaveTextAsync("✔ No unmatched rows.");
        await page.Locator("#reconciliation").ScrollIntoViewIfNeededAsync();
        await Screenshots.SaveAsync(page, "operator-06-books-balanced");

        // A unit accepted behind the broker's back (no usage transfer) stands for a bug the report must catch.
        var tampered = Jobs.IdOf(await Jobs.SubmitAsync(customer, new { name = "tampered", code = Jobs.Doubling, inputs = new[] { 1 }, priceCentsPerUnit = PriceCents }));
        var unit = await AcceptBehindTheBrokersBackAsync(tampered);
        books = await ReloadReconciliationAsync(page, admin);
        Assert.False(books.GetProperty("balanced").GetBoolean());
        await Assertions.Expect(page.Locator("#reconciliation-verdict")).ToHaveAttributeAsync("data-balanced", "false");
        await Assertions.Expect(page.Locator("#reconciliation-verdict")).ToContainTextAsync("NOT balanced");
        var flagged = page.Locator("#reconciliation-unmatched tr.unmatched[data-kind='accepted-unit-without-usage']");
        await Assertions.Expect(flagged).ToHaveCountAsync(1);
        await Assertions.Expect(flagged).ToContainTextAsync("Unmatched");
        await Assertions.Expect(flagged.Locator("code")).ToHaveTextAsync(unit.ToString(CultureInfo.InvariantCulture));
        await Assertions.Expect(flagged.Locator("td.number")).ToHaveTextAsync(Money(PriceCents, "Usd"));
        await Assertions.Expect(page.Locator("tr[data-identity='customer usage = Σ accepted units × price'] [data-field=status]")).ToHaveTextAsync("does not balance");
        await ExpectReportShownAsync(page, books);
        await page.Locator("#reconciliation-unmatched").ScrollIntoViewIfNeededAsync();
        await Screenshots.SaveAsync(page, "operator-07-books-unmatched");

        // The tools open with the same sign-in: Hangfire's dashboard (admins only) and the API page.
        await page.GetByRole(AriaRole.Link, new() { Name = "Background jobs (Hangfire dashboard)" }).ClickAsync();
        await page.WaitForURLAsync("**/hangfire");
        await Assertions.Expect(page.Locator("body")).ToContainTextAsync("Recurring");
        await Screenshots.SaveAsync(page, "operator-08-hangfire");
        await page.GoBackAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "API reference (Scalar)" }).ClickAsync();
        await page.WaitForURLAsync("**/scalar**");
        await Assertions.Expect(page).ToHaveTitleAsync(new Regex("GridStream API"), new() { Timeout = 15_000 });
        await Screenshots.SaveAsync(page, "operator-09-api-reference");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_viewer_is_told_the_page_is_for_operators_and_sees_no_operations_link()
    {
        var page = await fixture.NewPageAsync();
        await ViewerSteps.SignUpAsync(page, "operator-10-viewer-sign-up");
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Operations" })).ToHaveCountAsync(0);
        await page.GotoAsync("/admin");
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("This page is for operators (admin accounts).");
        await Assertions.Expect(page.Locator("#swarms")).ToHaveCountAsync(0);
        await Screenshots.SaveAsync(page, "operator-11-not-an-operator");
        await page.Context.CloseAsync();
    }

    private static async Task WaitForLiveStreamAsync(HttpClient client)
    {
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (true)
        {
            using var response = await client.GetAsync($"/api/content/{DemoItems.Live}/segments?rendition={DemoItems.Rendition}&count=1");
            if (response.IsSuccessStatusCode)
            {
                return;
            }

            Assert.True(DateTime.UtcNow < deadline, "The live demo stream has no segments after two minutes.");
            await Task.Delay(250);
        }
    }

    private static async Task<SwarmView> WaitForSwarmAsync(HttpClient admin, Func<SwarmView, bool> ready)
    {
        var deadline = DateTime.UtcNow.AddMinutes(1);
        while (true)
        {
            var views = await admin.GetFromJsonAsync<List<SwarmView>>("/api/swarms");
            var live = views!.SingleOrDefault(view => view.ContentId == DemoItems.Live && view.Rendition == DemoItems.Rendition);
            if (live is not null && ready(live))
            {
                return live;
            }

            Assert.True(DateTime.UtcNow < deadline, $"The live swarm never got {Viewers} peers sharing: {JsonSerializer.Serialize(views)}");
            await Task.Delay(500);
        }
    }

    /// <summary>
    /// The live swarm from the next GET /api/swarms the page itself makes, once the page has rendered that very answer
    /// (byte counts and share as the response has them), so page and API are compared on the same reading.
    /// </summary>
    private static async Task<SwarmView> SwarmThePageRenderedAsync(IPage page)
    {
        var response = await page.WaitForResponseAsync(r => r.Url.EndsWith("/api/swarms", StringComparison.Ordinal) && r.Status == 200, new() { Timeout = 15_000 });
        var views = JsonSerializer.Deserialize<List<SwarmView>>(await response.TextAsync(), new JsonSerializerOptions(JsonSerializerDefaults.Web))!;
        var live = views.Single(view => view.ContentId == DemoItems.Live && view.Rendition == DemoItems.Rendition);
        await page.WaitForFunctionAsync(
            """
            ([content, peerBytes, cdnBytes, share]) => {
              const row = document.querySelector(`#swarms tr[data-content="${content}"]`);
              return row !== null && row.querySelector('[data-field=peer-bytes]').dataset.value === peerBytes
                && row.querySelector('[data-field=cdn-bytes]').dataset.value === cdnBytes
                && row.querySelector('[data-field=share]').dataset.value === share;
            }
            """,
            new object[] { live.ContentId.ToString(), live.PeerBytes.ToString(CultureInfo.InvariantCulture), live.CdnBytes.ToString(CultureInfo.InvariantCulture),
                live.PeerSharePerTenThousand.ToString(CultureInfo.InvariantCulture) },
            new() { Timeout = 2_000, PollingInterval = 20 });
        var shareCell = page.Locator($"#swarms tr[data-content='{live.ContentId}'] [data-field=share]");
        Assert.Equal(BasisPoints(live.PeerSharePerTenThousand), (await shareCell.TextContentAsync())!.Trim());
        return live;
    }

    private static async Task<long> SumOfTrustRowsAsync(IPage page)
    {
        await Assertions.Expect(page.Locator("#broker-trust tbody tr")).ToHaveCountAsync(3);
        var values = await page.Locator("#broker-trust tbody td[data-value]").EvaluateAllAsync<string[]>("cells => cells.map(c => c.dataset.value)");
        return values.Sum(long.Parse);
    }

    /// <summary>Asks the page to check the books again, then reads the report from the API for comparison.</summary>
    private static async Task<JsonElement> ReloadReconciliationAsync(IPage page, HttpClient admin)
    {
        await page.RunAndWaitForResponseAsync(
            () => page.GetByRole(AriaRole.Button, new() { Name = "Check the books again" }).ClickAsync(),
            r => r.Url.EndsWith("/api/admin/reconciliation", StringComparison.Ordinal));
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Check the books again" })).ToBeEnabledAsync();
        return await admin.GetFromJsonAsync<JsonElement>("/api/admin/reconciliation");
    }

    /// <summary>Every identity's side totals and status, and every currency's totals, as the API has them.</summary>
    private static async Task ExpectReportShownAsync(IPage page, JsonElement report)
    {
        foreach (var identity in report.GetProperty("identities").EnumerateArray())
        {
            var currency = identity.GetProperty("currency").GetString()!;
            var row = page.Locator($"#reconciliation-identities tr[data-identity='{identity.GetProperty("name").GetString()}'][data-currency='{currency}']");
            await Assertions.Expect(row).ToHaveCountAsync(1);
            await Assertions.Expect(row.Locator("[data-field=status]"))
                .ToHaveTextAsync(identity.GetProperty("balanced").GetBoolean() ? "balanced" : "does not balance");
            var sides = identity.GetProperty("sides").EnumerateArray().ToList();
            await Assertions.Expect(row.Locator("li[data-side]")).ToHaveCountAsync(sides.Count);
            for (var i = 0; i < sides.Count; i++)
            {
                await Assertions.Expect(row.Locator("li[data-side] strong").Nth(i)).ToHaveTextAsync(Money(sides[i].GetProperty("total").GetInt64(), currency));
            }
        }

        foreach (var totals in report.GetProperty("currencies").EnumerateArray())
        {
            var currency = totals.GetProperty("currency").GetString()!;
            var cells = page.Locator($"#reconciliation-currencies tr[data-currency='{currency}'] td[data-value]");
            var expected = new[] { "debitsPosted", "creditsPosted", "debitsPending", "creditsPending" }
                .Select(name => Money(totals.GetProperty(name).GetInt64(), currency)).ToArray();
            await Assertions.Expect(cells).ToHaveTextAsync(expected);
        }

        foreach (var check in report.GetProperty("external").EnumerateArray())
        {
            var shown = page.Locator($"#reconciliation .external[data-external='{check.GetProperty("name").GetString()}']");
            if (check.TryGetProperty("notChecked", out var why) && why.ValueKind == JsonValueKind.String)
            {
                await Assertions.Expect(shown).ToContainTextAsync($"Not checked: {why.GetString()}");
            }
            else
            {
                await Assertions.Expect(shown).ToHaveAttributeAsync("data-checked", "true");
            }
        }
    }

    private static long CreditsIssued(JsonElement report) =>
        report.GetProperty("identities").EnumerateArray()
            .First(identity => identity.GetProperty("name").GetString() == "credits issued − spent = Σ wallets")
            .GetProperty("sides")[1].GetProperty("total").GetInt64();

    private async Task<long> AcceptBehindTheBrokersBackAsync(Guid job)
    {
        await using var connection = new NpgsqlConnection(fixture.Server.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            """
            UPDATE work_units SET "State" = 'Accepted', "Wanted" = 0, "DecidedAt" = now(), "AgreedCount" = 2
            WHERE "JobId" = @job RETURNING "Id"
            """, connection);
        command.Parameters.AddWithValue("job", job);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>As the page writes amounts: integer arithmetic, cents with 2 decimals, micro-credits with 6.</summary>
    private static string Money(long amount, string currency)
    {
        var (decimals, unit) = currency == "Usd" ? (2, "USD") : (6, "credits");
        var scale = decimals == 2 ? 100L : 1_000_000L;
        var magnitude = Math.Abs(amount);
        return $"{(amount < 0 ? "-" : "")}{magnitude / scale}.{(magnitude % scale).ToString(CultureInfo.InvariantCulture).PadLeft(decimals, '0')} {unit}";
    }

    private static string BasisPoints(int perTenThousand) =>
        $"{perTenThousand / 100}.{(perTenThousand % 100).ToString(CultureInfo.InvariantCulture).PadLeft(2, '0')} %";

    private static string GroupsText(IReadOnlyList<int> sizes) =>
        $"{sizes.Count} {(sizes.Count == 1 ? "group" : "groups")}: {string.Join(", ", sizes)}";

    private sealed record SwarmView(Guid ContentId, string Rendition, int Peers, IReadOnlyList<int> GroupSizes, long CdnBytes, long PeerBytes,
        int PeerSharePerTenThousand, int Stalls);
}
