using System.Net;
using GridStream.Domain.Accounts;
using GridStream.Domain.Ledger;
using GridStream.Server.Tests.Infrastructure;
using static GridStream.Server.Tests.Licensing.LicensingClient;

namespace GridStream.Server.Tests.Licensing;

/// <summary>Where a license's credits go in the ledger: wallet → escrow → owner earnings and platform fee (20 % by default).</summary>
public sealed class LicenseMoneyTests(PaidServerFixture fixture) : IClassFixture<PaidServerFixture>
{
    // 20 % of it is 666,666.6: the fee rounds down and the owner gets the odd micro-credit.
    private const long Price = 3_333_333;
    private const long Fee = 666_666;
    private const long OwnerShare = Price - Fee;

    private GridStreamFactory Server => fixture.Server;

    [Fact]
    public async Task A_sale_moves_the_price_from_the_wallet_to_the_owners_earnings_and_the_platforms_fee_once_per_key()
    {
        using var owner = await Server.SignedUpAsync(Roles.Owner);
        var ownerId = await IdOfAsync(owner);
        var content = await PricedContentAsync(Server, Price, licenseDays: 1, ownerId: ownerId);
        using var viewer = await Server.SignedUpAsync(Roles.Viewer);
        var viewerId = await IdOfAsync(viewer);
        await Wallets.FundAsync(Server, viewerId, 5_000_000);
        var feesBefore = await Wallets.BalanceAsync(Server, LicenseSaleTransfers.Fees);

        var bought = await BoughtAsync(await BuyAsync(viewer, content, "sale-1"), HttpStatusCode.Created);
        var repeated = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => BuyAsync(viewer, content, "sale-1")));

        Assert.All(repeated, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        var wallet = await Wallets.BalanceAsync(Server, Wallets.Of(viewerId));
        Assert.Equal(5_000_000 - Price, wallet.Posted);
        Assert.Equal(wallet.Posted, wallet.Available);
        Assert.Equal(0, wallet.DebitsPending);
        Assert.Equal(OwnerShare, (await Wallets.BalanceAsync(Server, Wallets.EarningsOf(ownerId))).Posted);
        Assert.Equal(Fee, (await Wallets.BalanceAsync(Server, LicenseSaleTransfers.Fees)).Posted - feesBefore.Posted);
        var escrow = await Wallets.BalanceAsync(Server, LicenseSaleTransfers.Escrow);
        Assert.Equal(0, escrow.Posted);
        Assert.Equal(0, escrow.CreditsPending);

        // Every transfer of the sale names the license; the key of each derives from the viewer's Idempotency-Key.
        var kinds = await Wallets.ScalarAsync<string>(Server,
            """SELECT string_agg("Kind" || ':' || "State" || ':' || "Amount", ',' ORDER BY "Id") FROM ledger_transfers WHERE "Reference" = $1""",
            bought.Id.ToString());
        Assert.Equal(
            $"license.purchase:Pending:{Price},license.purchase:Posted:{Price},license.earnings:Posted:{OwnerShare},license.fee:Posted:{Fee}", kinds);
    }

    [Fact]
    public async Task Parallel_purchases_of_different_items_never_take_a_wallet_below_zero()
    {
        using var owner = await Server.SignedUpAsync(Roles.Owner);
        var ownerId = await IdOfAsync(owner);
        var items = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => PricedContentAsync(Server, Price, ownerId: ownerId)));
        using var viewer = await Server.SignedUpAsync(Roles.Viewer);
        var viewerId = await IdOfAsync(viewer);
        await Wallets.FundAsync(Server, viewerId, 3 * Price + Price / 2);

        var responses = await Task.WhenAll(items.Select((item, i) => BuyAsync(viewer, item, $"spree-{i}")));

        Assert.Equal(3, responses.Count(r => r.StatusCode == HttpStatusCode.Created));
        Assert.Equal(5, responses.Count(r => r.StatusCode == HttpStatusCode.PaymentRequired));
        var wallet = await Wallets.BalanceAsync(Server, Wallets.Of(viewerId));
        Assert.Equal(Price / 2, wallet.Posted);
        Assert.Equal(Price / 2, wallet.Available);
        Assert.Equal((Price / 2, 3L), await Wallets.StateAsync(Server, viewerId));
        Assert.Equal(3 * OwnerShare, (await Wallets.BalanceAsync(Server, Wallets.EarningsOf(ownerId))).Posted);
        Assert.Equal(3, (await LicensesAsync(viewer)).Total);
    }

    [Fact]
    public async Task A_refused_purchase_leaves_no_transfer_behind()
    {
        var content = await PricedContentAsync(Server, Price);
        using var viewer = await Server.SignedUpAsync(Roles.Viewer);
        var viewerId = await IdOfAsync(viewer);
        await Wallets.FundAsync(Server, viewerId, Price - 1);

        await Problems.ReadAsync(await BuyAsync(viewer, content, "short-by-one"), HttpStatusCode.PaymentRequired);

        var transfers = await Wallets.ScalarAsync<long>(Server,
            """SELECT count(*) FROM ledger_transfers WHERE "IdempotencyKey" LIKE $1""", $"license:{viewerId:N}:%");
        Assert.Equal(0, transfers);
        Assert.Equal((Price - 1, 0L), await Wallets.StateAsync(Server, viewerId));
    }
}
