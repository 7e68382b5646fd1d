using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using GridStream.Agent.Connection;
using GridStream.Agent.Swarming;
using GridStream.Browser.Tests.Infrastructure;
using GridStream.Domain.Payouts;
using GridStream.Domain.Swarms.Protocol;
using GridStream.Server.Payouts;
using GridStream.Server.Tests.Infrastructure;
using Microsoft.Playwright;
using static GridStream.Browser.Tests.Infrastructure.ViewerSteps;

namespace GridStream.Browser.Tests;

/// <summary>
/// A content owner's dashboard, walked as a person would: sign up as an owner, register an item (a refused origin
/// first), see its manifest read, watch headless viewers share it, price it, see a viewer's purchase in the sales,
/// and after an admin's payout run download the statement CSV, whose totals match the ledger.
/// </summary>
public sealed class OwnerDashboardTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private const long Price = 2_500_000;
    private const long OwnerShare = 2_000_000; // the default platform fee is 20 %
    private const long MicroCreditsPerCent = 10_000; // the default exchange rate
    // 1,000 cents of revenue, more than the 200 cents the owner is paid. Each unit's two replicas share 70 % of its price,
    // so each of the two computing accounts earns 40 × 87,500 micro-credits = 3.5 credits: enough for one license.
    private const int JobUnits = 40;
    private const long JobCentsPerUnit = 25;

    private GridStreamFactory Server => fixture.Server;

    [Fact]
    public async Task An_owner_registers_prices_and_sells_an_item_and_the_statement_csv_matches_the_ledger()
    {
        var page = await fixture.NewPageAsync();
        await page.GotoAsync("/signup");
        await page.GetByLabel("Email").FillAsync($"owner-{Guid.NewGuid():N}@gridstream.test");
        await page.GetByLabel("Password").FillAsync(Password);
        await page.GetByLabel("Account type").SelectOptionAsync("owner");
        await Screenshots.SaveAsync(page, "owner-01-sign-up");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign up" }).ClickAsync();
        await page.WaitForURLAsync("**/owner");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Your content and earnings" })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#owner-content")).ToContainTextAsync("Nothing registered yet");
        await Assertions.Expect(page.Locator("#stripe-status")).ToHaveAttributeAsync("data-status", "offline");
        await Screenshots.SaveAsync(page, "owner-02-empty");
        var ownerId = Guid.Parse(await AccountIdAsync(page));

        // This server fetches public origins and its own only: a private address is refused with the reason.
        await page.GetByLabel("Title", new() { Exact = true }).FillAsync("My film");
        await page.GetByLabel("Master playlist URL").FillAsync("http://10.1.2.3/film/master.m3u8");
        await page.GetByLabel("Price (credits)").FillAsync("0");
        await page.GetByRole(AriaRole.Button, new() { Name = "Register" }).ClickAsync();
        var formMessage = page.Locator("form[aria-labelledby=content-form-heading] .message");
        await Assertions.Expect(formMessage).ToHaveAttributeAsync("data-kind", "error");
        await Assertions.Expect(page.GetByLabel("Master playlist URL")).ToHaveAttributeAsync("aria-invalid", "true");
        await Screenshots.SaveAsync(page, "owner-03-refused-origin");

        // The server's own demo origin, free for now; its manifest is read in the background.
        await page.GetByLabel("Master playlist URL").FillAsync(new Uri(Server.Address, "/origin/demo/master.m3u8").ToString());
        await page.GetByRole(AriaRole.Button, new() { Name = "Register" }).ClickAsync();
        await Assertions.Expect(formMessage).ToContainTextAsync("Registered “My film”");
        var row = page.Locator("#owner-content tr[data-content]");
        await Assertions.Expect(row).ToHaveAttributeAsync("data-manifest", "Ready", new() { Timeout = 60_000 });
        var content = Guid.Parse((await row.GetAttributeAsync("data-content"))!);
        await Screenshots.SaveAsync(page, "owner-04-registered");

        // Headless viewers watch it and share segments (the audience section shows the CDN bytes they saved), and two
        // of them compute a customer's job: its validated units are the platform revenue that payouts are paid from,
        // and the credits the viewers earn for them are what the buyer below pays with.
        var computers = new[] { await ViewerAccountAsync(), await ViewerAccountAsync() };
        using var customer = await Server.SignedUpAsync("customer");
        var job = Jobs.IdOf(await Jobs.SubmitAsync(customer, new
        {
            name = "revenue", code = "function run(input) { return { n: input }; }", inputs = Enumerable.Range(1, JobUnits),
            policy = new { quorum = 2 }, priceCentsPerUnit = JobCentsPerUnit,
        }));
        var rendition = await LowestRenditionAsync(content);
        using var http = new HttpClient();
        using var endEarly = new CancellationTokenSource();
        var agents = SwarmRunner.RunAsync(
            new SwarmSettings(Server.Address, new ContentRendition(content, rendition), 3, TimeSpan.FromMinutes(3), Speed: 4,
                ReportInterval: TimeSpan.FromSeconds(1), ComputingViewers: 2, ComputeCores: 1, ComputeAccounts: computers),
            http, TextWriter.Null, CancellationToken.None, endEarly.Token);
        try
        {
            await page.WaitForFunctionAsync(
                "() => Number(document.querySelector('#audience-saved')?.dataset.value ?? 0) > 0", null,
                new() { Timeout = 120_000, PollingInterval = 500 });
            await Jobs.WaitForStateAsync(customer, job, "Completed", TimeSpan.FromSeconds(150));
        }
        finally
        {
            await endEarly.CancelAsync();
            await agents.ContinueWith(_ => { }, TaskScheduler.Default);
        }

        var share = double.Parse((await page.Locator("#audience-share").GetAttributeAsync("data-value"))!, CultureInfo.InvariantCulture);
        Assert.True(share is > 0 and <= 1, $"P2P share {share}");
        await Assertions.Expect(page.Locator($"#audience tr[data-content='{content}'] th")).ToHaveTextAsync("My film");
        await page.Locator("#audience-heading").ScrollIntoViewIfNeededAsync();
        await Screenshots.SaveAsync(page, "owner-05-audience");

        // Priced through the edit form: 2.5 credits, licenses for 30 days.
        await page.GetByRole(AriaRole.Button, new() { Name = "Edit My film" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Edit “My film”" })).ToBeVisibleAsync();
        await page.GetByLabel("Price (credits)").FillAsync("five");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save changes" }).ClickAsync();
        await Assertions.Expect(formMessage).ToContainTextAsync("Give the price in credits");
        await Screenshots.SaveAsync(page, "owner-06-bad-price");
        await page.GetByLabel("Price (credits)").FillAsync("2.5");
        await page.GetByLabel("License days").FillAsync("30");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save changes" }).ClickAsync();
        await Assertions.Expect(formMessage).ToContainTextAsync("Saved “My film”");
        await Assertions.Expect(row.Locator("td").Nth(2)).ToHaveAttributeAsync("data-micro-credits", Price.ToString(CultureInfo.InvariantCulture));
        await Assertions.Expect(row.Locator("td").Nth(3)).ToHaveTextAsync("30 days");
        await Screenshots.SaveAsync(page, "owner-07-priced");

        // A viewer buys a license with the credits it earned computing; the sale shows in the chart's summary and table.
        using var viewer = await Server.SignedInAsync(computers[0].Email, computers[0].Password);
        using (var bought = await viewer.PostAsync($"/api/content/{content}/license", null))
        {
            Assert.Equal(HttpStatusCode.Created, bought.StatusCode);
        }

        await page.ReloadAsync();
        await Assertions.Expect(page.Locator("#sales-licenses")).ToHaveTextAsync("1");
        await Assertions.Expect(page.Locator("#sales-earned")).ToHaveAttributeAsync("data-value", OwnerShare.ToString(CultureInfo.InvariantCulture));
        await Assertions.Expect(page.Locator("#sales-chart-summary")).ToContainTextAsync("1 license sold, 2 credits earned");
        await Assertions.Expect(page.Locator("#sales-chart canvas")).Not.ToHaveCountAsync(0);
        var today = DateOnly.FromDateTime(DateTime.UtcNow).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        await Assertions.Expect(page.Locator($"#sales-days tr[data-day='{today}'] td").Nth(1)).ToHaveTextAsync("1");
        await page.Locator("#sales-heading").ScrollIntoViewIfNeededAsync();
        await Screenshots.SaveAsync(page, "owner-08-sale");

        // An admin runs payouts and confirms this one; the owner sees it and its statement.
        using var admin = await Server.AdminAsync();
        PayoutRunReport report;
        using (var run = await admin.PostAsync("/api/admin/payouts/run", null))
        {
            Assert.Equal(HttpStatusCode.OK, run.StatusCode);
            report = (await run.Content.ReadFromJsonAsync<PayoutRunReport>())!;
        }

        var payout = Assert.Single(report.Payouts, p => p.OwnerId == ownerId);
        Assert.Equal((OwnerShare, OwnerShare / MicroCreditsPerCent), (payout.CreditsConvertedMicroCredits, payout.Cents));
        using (var confirmed = await admin.PostAsJsonAsync($"/api/admin/payouts/{payout.Id}/confirm", new { externalReference = "bank-ref-1" }))
        {
            Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        }

        await page.ReloadAsync();
        var payoutRow = page.Locator($"#payouts tr[data-payout='{payout.Id}']");
        await Assertions.Expect(payoutRow).ToHaveAttributeAsync("data-state", "Paid");
        await Assertions.Expect(payoutRow.Locator("td").Nth(2)).ToHaveTextAsync("2.00 USD");
        await payoutRow.GetByRole(AriaRole.Button).ClickAsync();
        await Assertions.Expect(page.Locator("#statement-earnings")).ToHaveTextAsync("2 credits");
        await Assertions.Expect(page.Locator("#statement-ties-out")).ToHaveTextAsync("Yes");
        await Assertions.Expect(page.Locator("#statement tr[data-license]")).ToHaveCountAsync(1);
        await page.Locator("#payouts-heading").ScrollIntoViewIfNeededAsync();
        await Screenshots.SaveAsync(page, "owner-09-payout-and-statement");

        // The CSV, downloaded through the page, against the ledger and the payout.
        var download = await page.RunAndWaitForDownloadAsync(() => payoutRow.GetByRole(AriaRole.Link, new() { Name = "CSV" }).ClickAsync());
        var csv = await File.ReadAllTextAsync((await download.PathAsync())!);
        var (summary, sales) = ReadStatementCsv(csv);
        var ledgerEarnings = await Wallets.ScalarAsync<decimal>(Server,
            """
            SELECT COALESCE(sum(t."Amount"), 0) FROM ledger_transfers t JOIN ledger_accounts a ON a."Id" = t."CreditAccountId"
            WHERE a."OwnerId" = $1 AND a."Purpose" = 'Earnings' AND t."Kind" = 'license.earnings' AND t."State" = 'Posted'
            """, ownerId);
        Assert.Equal(payout.Id.ToString(), summary["payout_id"]);
        Assert.Equal("Paid", summary["state"]);
        Assert.Equal("bank-ref-1", summary["external_reference"]);
        Assert.Equal("1", summary["sales"]);
        Assert.Equal((long)ledgerEarnings, long.Parse(summary["earnings_micro_credits"], CultureInfo.InvariantCulture));
        Assert.Equal(OwnerShare, long.Parse(summary["earnings_micro_credits"], CultureInfo.InvariantCulture));
        Assert.Equal(Price, long.Parse(summary["sales_micro_credits"], CultureInfo.InvariantCulture));
        Assert.Equal(payout.CreditsConvertedMicroCredits, long.Parse(summary["credits_converted_micro_credits"], CultureInfo.InvariantCulture));
        Assert.Equal(payout.Cents, long.Parse(summary["payout_cents"], CultureInfo.InvariantCulture));
        Assert.Equal("0", summary["carried_forward_micro_credits"]);
        var sale = Assert.Single(sales);
        Assert.Equal("My film", sale[1]);
        Assert.Equal(OwnerShare, long.Parse(sale[5], CultureInfo.InvariantCulture));
        Assert.Equal(0, (await Wallets.BalanceAsync(Server, Wallets.EarningsOf(ownerId))).Posted);
        var reconciliationJson = await admin.GetStringAsync("/api/admin/reconciliation");
        var reconciliation = System.Text.Json.JsonSerializer.Deserialize<ReconciliationView>(reconciliationJson, JsonOptions)!;
        Assert.True(reconciliation.Balanced, $"the reconciliation report is not balanced after the payout: {reconciliationJson}");
        await page.Context.CloseAsync();
    }

    /// <summary>A new viewer account whose credentials a headless agent can sign in with.</summary>
    private async Task<Credentials> ViewerAccountAsync()
    {
        var credentials = new Credentials($"computer-{Guid.NewGuid():N}@gridstream.test", Password);
        using var anonymous = Server.Anonymous();
        using var signUp = await anonymous.PostAsJsonAsync("/api/accounts/signup", new { email = credentials.Email, password = credentials.Password, role = "viewer" });
        signUp.EnsureSuccessStatusCode();
        return credentials;
    }

    private async Task<string> LowestRenditionAsync(Guid item)
    {
        using var viewer = await Server.SignedUpAsync("viewer");
        var info = await viewer.GetFromJsonAsync<PlaybackInfo>($"/api/content/{item}/playback");
        return info!.Renditions[0].Name;
    }

    /// <summary>The statement CSV's two tables: the summary as field → value, then the sales rows (the header left out).</summary>
    private static (Dictionary<string, string> Summary, List<string[]> Sales) ReadStatementCsv(string csv)
    {
        var parts = csv.Split("\r\n\r\n", 2);
        var summary = parts[0].Split("\r\n").Skip(1).Select(line => line.Split(',', 2)).ToDictionary(pair => pair[0], pair => pair[1]);
        var sales = parts[1].Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(line => line.Split(',')).ToList();
        Assert.Equal(string.Join(',', StatementCsv.SalesHeader), parts[1].Split("\r\n")[0]);
        return (summary, sales);
    }

    private static readonly System.Text.Json.JsonSerializerOptions JsonOptions = new(System.Text.Json.JsonSerializerDefaults.Web);

    private sealed record ReconciliationView(bool Balanced, long UnmatchedCount);
}
