using GridStream.Domain.Accounts;
using GridStream.Domain.Ledger;
using static GridStream.Server.Tests.Payouts.PayoutsClient;

namespace GridStream.Server.Tests.Payouts;

/// <summary>Dollars leave from platform revenue, which never goes below zero (its own database: revenue is shared).</summary>
public sealed class RevenueCapTests(PayoutServerFixture fixture) : IClassFixture<PayoutServerFixture>
{
    private readonly MoneyBooks _books = fixture.Books;

    private async Task<(HttpClient Client, Guid Id)> OwnerWithSalesAsync(int sales)
    {
        var owner = await _books.UserAsync(Roles.Owner);
        var (_, viewer) = await _books.UserAsync(Roles.Viewer);
        var content = await _books.ContentAsync(owner.Id, "Film", 1_000_000);
        for (var i = 0; i < sales; i++)
        {
            await _books.SellAsync(viewer, owner.Id, content, 1_000_000);
        }

        return owner;
    }

    [Fact]
    public async Task A_run_pays_no_more_than_platform_revenue_holds()
    {
        using var admin = await fixture.Server.AdminAsync();
        var (_, owner) = await OwnerWithSalesAsync(sales: 4); // 320 cents earned, and no revenue yet

        var empty = await RunAsync(admin);

        Assert.Empty(empty.Payouts);
        Assert.Contains("platform revenue holds only 0 cents", Assert.Single(empty.Skipped, s => s.OwnerId == owner).Reason);
        Assert.Equal(new AccountBalance(0, 3_200_000, 0, 0), await _books.BalanceAsync(MoneyBooks.Earnings(owner)));

        var (_, customer) = await _books.UserAsync(Roles.Customer);
        await _books.BillUsageAsync(customer, centsPerUnit: 50, units: 3);
        var report = await RunAsync(admin);

        var payout = Of(report, owner);
        Assert.Empty(report.Skipped);
        Assert.Equal(150, payout.Cents);
        Assert.Equal(new AccountBalance(0, 3_200_000, 1_500_000, 0), await _books.BalanceAsync(MoneyBooks.Earnings(owner)));
        Assert.Equal(0, (await _books.BalanceAsync(MoneyBooks.Revenue)).Available);
    }
}
