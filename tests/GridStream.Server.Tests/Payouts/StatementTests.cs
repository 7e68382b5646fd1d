using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using GridStream.Domain.Accounts;
using GridStream.Domain.Payouts;
using static GridStream.Server.Tests.Payouts.PayoutsClient;

namespace GridStream.Server.Tests.Payouts;

/// <summary>Statements as owners get them, tied out to the ledger to the cent, and only to their owners.</summary>
public sealed class StatementTests(PayoutServerFixture fixture) : IClassFixture<PayoutServerFixture>
{
    private const long Price = 1_234_567; // fee 246,913 and owner 987,654: nothing here is a round number

    private readonly MoneyBooks _books = fixture.Books;

    [Fact]
    public async Task The_statement_lists_the_period_s_sales_and_ties_out_to_the_ledger()
    {
        var (_, customer) = await _books.UserAsync(Roles.Customer);
        await _books.BillUsageAsync(customer, centsPerUnit: 10_000, units: 2);
        var (ownerClient, owner) = await _books.UserAsync(Roles.Owner);
        var (_, viewer) = await _books.UserAsync(Roles.Viewer);
        var film = await _books.ContentAsync(owner, "Sunset, \"director's cut\"", Price);
        var series = await _books.ContentAsync(owner, "Plain title", Price);
        using var admin = await fixture.Server.AdminAsync();

        await _books.SellAsync(viewer, owner, film, Price);
        await _books.SellAsync(viewer, owner, series, Price);
        var first = Of(await RunAsync(admin), owner);
        await SettledAsync(await ConfirmAsync(admin, first.Id, "bank-first"));
        var outstandingAfterFirst = (await _books.BalanceAsync(MoneyBooks.Earnings(owner))).Available;
        var sold = new[] { await _books.SellAsync(viewer, owner, film, Price), await _books.SellAsync(viewer, owner, series, Price) };
        var second = Of(await RunAsync(admin), owner);

        var statement = await StatementAsync(ownerClient, second.Id);

        // Figures worked out by hand: 2 × 987,654 = 1,975,308 earned in the period, 5,308 brought forward.
        Assert.Equal(5_308, outstandingAfterFirst);
        Assert.Equal(
            (5_308L, 1_980_000L, 616L, 198L, "1.98", 10_000L),
            (statement.BroughtForwardMicroCredits, statement.CreditsConvertedMicroCredits, statement.CarriedForwardMicroCredits,
                statement.PayoutCents, statement.PayoutDollars, statement.MicroCreditsPerCent));
        Assert.Equal(new StatementTotals(2 * Price, 2 * 246_913, 2 * 987_654), statement.Totals);
        Assert.Equal(sold, statement.Lines.Select(l => l.LicenseId));
        Assert.Equal(["Sunset, \"director's cut\"", "Plain title"], statement.Lines.Select(l => l.ContentTitle));
        Assert.True(statement.TiesOut);
        Assert.Equal((PayoutState.InTransit, $"payout:{second.Id}:credits", "manual"), (statement.State, statement.TransferReference, statement.Gateway));
        Assert.True(statement.PeriodStart <= statement.PeriodEnd);

        // The same figures, read from the ledger without going through the statement.
        foreach (var line in statement.Lines)
        {
            var reference = line.LicenseId.ToString();
            Assert.Equal(line.EarningsMicroCredits, await SumAsync("license.earnings", reference));
            Assert.Equal(line.FeeMicroCredits, await SumAsync("license.fee", reference));
            Assert.Equal(line.PriceMicroCredits, await _books.ScalarAsync<long>(
                """SELECT "Amount" FROM ledger_transfers WHERE "Kind" = 'license.purchase' AND "State" = 'Posted' AND "Reference" = $1""", reference));
        }

        Assert.Equal(statement.CreditsConvertedMicroCredits, (await _books.TransferAsync($"payout:{second.Id}:credits"))!.Value.Amount);
        Assert.Equal(statement.PayoutCents, (await _books.TransferAsync($"payout:{second.Id}:usd"))!.Value.Amount);
        Assert.Equal(statement.CarriedForwardMicroCredits, (await _books.BalanceAsync(MoneyBooks.Earnings(owner))).Available);
        var earnedEver = await _books.ScalarAsync<long>(
            """
            SELECT sum(t."Amount")::bigint FROM ledger_transfers t JOIN ledger_accounts a ON a."Id" = t."CreditAccountId"
            WHERE a."OwnerId" = $1 AND t."Kind" = 'license.earnings'
            """, owner);
        Assert.Equal(earnedEver, first.CreditsConvertedMicroCredits + statement.CreditsConvertedMicroCredits + statement.CarriedForwardMicroCredits);

        var firstStatement = await StatementAsync(ownerClient, first.Id);
        Assert.Equal(2, firstStatement.Lines.Count);
        Assert.Equal((0L, "bank-first", PayoutState.Paid), (firstStatement.BroughtForwardMicroCredits, firstStatement.ExternalReference, firstStatement.State));
        Assert.Equal(statement.BroughtForwardMicroCredits, firstStatement.CarriedForwardMicroCredits);
    }

    [Fact]
    public async Task The_csv_says_what_the_json_says()
    {
        var (_, customer) = await _books.UserAsync(Roles.Customer);
        await _books.BillUsageAsync(customer, centsPerUnit: 10_000, units: 1);
        var (ownerClient, owner) = await _books.UserAsync(Roles.Owner);
        var (_, viewer) = await _books.UserAsync(Roles.Viewer);
        var film = await _books.ContentAsync(owner, "Quotes \" and, commas", Price);
        await _books.SellAsync(viewer, owner, film, Price);
        await _books.SellAsync(viewer, owner, film, Price);
        using var admin = await fixture.Server.AdminAsync();
        var payout = Of(await RunAsync(admin), owner);
        var statement = await StatementAsync(ownerClient, payout.Id);

        using var csvRoute = await ownerClient.GetAsync($"/api/payouts/{payout.Id}/statement.csv");
        using var negotiated = new HttpRequestMessage(HttpMethod.Get, $"/api/payouts/{payout.Id}/statement");
        negotiated.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/csv"));
        using var negotiatedResponse = await ownerClient.SendAsync(negotiated);

        Assert.Equal(HttpStatusCode.OK, csvRoute.StatusCode);
        Assert.Equal("text/csv", csvRoute.Content.Headers.ContentType?.MediaType);
        var text = await csvRoute.Content.ReadAsStringAsync();
        Assert.Equal(text, await negotiatedResponse.Content.ReadAsStringAsync());
        var records = CsvRecords.Parse(text);
        var blank = records.FindIndex(r => r is [""]);
        var summary = records[1..blank].ToDictionary(r => r[0], r => r[1]);
        Assert.Equal(["field", "value"], records[0]);
        Assert.Equal(payout.Id.ToString(), summary["payout_id"]);
        Assert.Equal(statement.PayoutCents.ToString(CultureInfo.InvariantCulture), summary["payout_cents"]);
        Assert.Equal(statement.PayoutDollars, summary["payout_dollars"]);
        Assert.Equal(statement.Totals.EarningsMicroCredits.ToString(CultureInfo.InvariantCulture), summary["earnings_micro_credits"]);
        Assert.Equal(statement.CarriedForwardMicroCredits.ToString(CultureInfo.InvariantCulture), summary["carried_forward_micro_credits"]);
        Assert.Equal("InTransit", summary["state"]);
        Assert.Equal(StatementCsv.SalesHeader, records[blank + 1]);
        var sales = records[(blank + 2)..];
        Assert.Equal(statement.Lines.Count, sales.Count);
        for (var i = 0; i < sales.Count; i++)
        {
            var line = statement.Lines[i];
            Assert.Equal("Quotes \" and, commas", sales[i][1]);
            Assert.Equal(line.LicenseId.ToString(), sales[i][2]);
            Assert.Equal([line.PriceMicroCredits, line.FeeMicroCredits, line.EarningsMicroCredits], sales[i][3..].Select(long.Parse));
            Assert.Equal(line.SoldAt.UtcDateTime, DateTime.Parse(sales[i][0], CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal), TimeSpan.FromMilliseconds(1));
        }

        Assert.Equal(long.Parse(summary["earnings_micro_credits"], CultureInfo.InvariantCulture), sales.Sum(s => long.Parse(s[5], CultureInfo.InvariantCulture)));
    }

    [Fact]
    public async Task An_owner_sees_only_its_own_payouts()
    {
        var (_, customer) = await _books.UserAsync(Roles.Customer);
        await _books.BillUsageAsync(customer, centsPerUnit: 10_000, units: 1);
        var (ownerClient, owner) = await _books.UserAsync(Roles.Owner);
        var (otherClient, _) = await _books.UserAsync(Roles.Owner);
        var (viewerClient, viewer) = await _books.UserAsync(Roles.Viewer);
        var film = await _books.ContentAsync(owner, "Mine", Price);
        await _books.SellAsync(viewer, owner, film, Price);
        await _books.SellAsync(viewer, owner, film, Price);
        using var admin = await fixture.Server.AdminAsync();
        var payout = Of(await RunAsync(admin), owner);

        using var json = await otherClient.GetAsync($"/api/payouts/{payout.Id}/statement");
        using var csv = await otherClient.GetAsync($"/api/payouts/{payout.Id}/statement.csv");
        using var missing = await ownerClient.GetAsync($"/api/payouts/{Guid.NewGuid()}/statement");
        using var asViewer = await viewerClient.GetAsync("/api/payouts");
        using var badPage = await ownerClient.GetAsync("/api/payouts?page=0");

        Assert.Equal(HttpStatusCode.NotFound, json.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, csv.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, asViewer.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badPage.StatusCode);
        Assert.Empty((await ListAsync(otherClient)).Items);
        Assert.Equal([payout.Id], (await ListAsync(ownerClient, "?page=1&pageSize=1")).Items.Select(p => p.Id));
    }

    private Task<long> SumAsync(string kind, string reference) => _books.ScalarAsync<long>(
        """SELECT COALESCE(sum("Amount"), 0)::bigint FROM ledger_transfers WHERE "Kind" = $1 AND "Reference" = $2""", kind, reference);
}
