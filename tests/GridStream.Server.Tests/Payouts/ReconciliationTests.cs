using System.Net;
using System.Net.Http.Json;
using GridStream.Domain.Accounts;
using GridStream.Domain.Ledger;
using GridStream.Domain.Payouts;
using GridStream.Server.Payouts;
using static GridStream.Server.Tests.Payouts.PayoutsClient;

namespace GridStream.Server.Tests.Payouts;

/// <summary>The admin's reconciliation report over a mixed sequence of flows, then with a row planted that has no counterpart.</summary>
public sealed class ReconciliationTests(PayoutServerFixture fixture) : IClassFixture<PayoutServerFixture>
{
    private readonly MoneyBooks _books = fixture.Books;

    [Fact]
    public async Task The_books_balance_after_a_mixed_sequence_and_a_planted_row_shows_up()
    {
        using var admin = await fixture.Server.AdminAsync();
        var (_, customer) = await _books.UserAsync(Roles.Customer);
        var (ownerA, ownerB) = ((await _books.UserAsync(Roles.Owner)).Id, (await _books.UserAsync(Roles.Owner)).Id);
        var (_, viewer) = await _books.UserAsync(Roles.Viewer);
        var (_, saver) = await _books.UserAsync(Roles.Viewer);
        var filmA = await _books.ContentAsync(ownerA, "A", 1_500_000);
        var filmB = await _books.ContentAsync(ownerB, "B", 999_999);
        var units = await _books.BillUsageAsync(customer, centsPerUnit: 300, units: 4);
        await _books.EarnCreditsAsync(saver, 123_456); // credits earned and kept in the wallet
        for (var i = 0; i < 3; i++)
        {
            await _books.SellAsync(viewer, ownerA, filmA, 1_500_000);
            await _books.SellAsync(viewer, ownerB, filmB, 999_999);
        }

        var first = await RunAsync(admin);
        await SettledAsync(await ConfirmAsync(admin, Of(first, ownerA).Id, "bank-a"));
        await SettledAsync(await FailAsync(admin, Of(first, ownerB).Id, "wrong account"));
        await _books.SellAsync(viewer, ownerB, filmB, 999_999);
        var second = await RunAsync(admin); // B again, now in transit
        Of(second, ownerB);

        var report = await ReportAsync(admin);

        Assert.True(report.Balanced, string.Join("; ", report.Unmatched.Select(u => u.Problem)));
        Assert.All(report.Identities, identity => Assert.True(identity.Balanced, identity.Name));
        Assert.Equal(0, report.UnmatchedCount);
        var credits = Identity(report, "credits issued");
        Assert.Equal([123_456 + 3 * 1_500_000 + 4 * 999_999L, -(3 * 1_500_000 + 4 * 999_999L)], credits.Sides[0].Terms.Select(t => t.Amount));
        Assert.Equal(123_456, credits.Sides[1].Total);
        var earnings = Identity(report, "owner earnings");
        var earnedA = 3 * (1_500_000 - 300_000L);
        var earnedB = 4 * (999_999 - 199_999L);
        Assert.Equal(earnedA + earnedB, earnings.Sides[0].Total);
        Assert.Equal([Of(first, ownerA).CreditsConvertedMicroCredits, Of(second, ownerB).CreditsConvertedMicroCredits],
            earnings.Sides[1].Terms.Take(2).Select(t => t.Amount));
        Assert.Equal([1_200L, 1_200L, 1_200L], Identity(report, "customer usage").Sides.Select(s => s.Total));
        var usd = Assert.Single(report.Currencies, c => c.Currency == "Usd");
        Assert.Equal((usd.DebitsPosted, usd.DebitsPending), (usd.CreditsPosted, usd.CreditsPending));
        Assert.Equal(Of(second, ownerB).Cents, usd.DebitsPending);

        // An accepted unit written without its usage transfer (and without its usage row).
        var jobId = await _books.ScalarAsync<Guid>("""SELECT "JobId" FROM work_units WHERE "Id" = $1""", units[0]);
        var planted = Assert.Single(await _books.AcceptedUnitsAsync(jobId, 1));

        var after = await ReportAsync(admin);

        Assert.False(after.Balanced);
        var usage = Identity(after, "customer usage");
        Assert.False(usage.Balanced);
        Assert.Equal([1_200L, 1_500L, 1_200L], usage.Sides.Select(s => s.Total));
        Assert.True(Identity(after, "credits issued").Balanced);
        Assert.Equal(1, after.UnmatchedCount);
        var row = Assert.Single(after.Unmatched);
        Assert.Equal(("accepted-unit-without-usage", planted.ToString(), 300L), (row.Kind, row.Reference, row.Amount));
    }

    [Fact]
    public async Task Only_admins_see_the_report()
    {
        using var owner = (await _books.UserAsync(Roles.Owner)).Client;

        using var response = await owner.GetAsync("/api/admin/reconciliation");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    private static ReconciliationIdentity Identity(ReconciliationReport report, string name) =>
        Assert.Single(report.Identities, i => i.Name.StartsWith(name, StringComparison.Ordinal));

    private static async Task<ReconciliationReport> ReportAsync(HttpClient admin) =>
        (await admin.GetFromJsonAsync<ReconciliationReport>("/api/admin/reconciliation"))!;
}
