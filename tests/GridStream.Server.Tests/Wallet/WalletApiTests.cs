using System.Net;
using GridStream.Domain.Accounts;
using GridStream.Server.Tests.Infrastructure;
using static GridStream.Server.Tests.Licensing.LicensingClient;
using static GridStream.Server.Tests.Wallet.WalletClient;

namespace GridStream.Server.Tests.Wallet;

/// <summary>GET /api/wallet: a viewer's own balance and transfers, newest first, paged by a cursor.</summary>
public sealed class WalletApiTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private GridStreamFactory Server => fixture.Server;

    [Fact]
    public async Task The_history_pages_newest_first_with_signed_amounts_and_shows_a_purchase_once()
    {
        using var viewer = await Server.SignedUpAsync(Roles.Viewer);
        var viewerId = await IdOfAsync(viewer);
        for (var i = 1; i <= 5; i++)
        {
            await Wallets.FundAsync(Server, viewerId, i * 1_000_000);
        }

        var content = await PricedContentAsync(Server, 2_500_000);
        var license = await BoughtAsync(await BuyAsync(viewer, content, "wallet-page"), HttpStatusCode.Created);

        var first = await WalletAsync(viewer, "?limit=4");
        var all = await AllEntriesAsync(viewer, limit: 4);

        Assert.Equal(new CreditAmount(12_500_000, "12.50"), first.Balance.Posted);
        Assert.Equal(first.Balance.Posted, first.Balance.Available);
        Assert.Equal(new CreditAmount(0, "0.00"), first.Balance.PendingOut);
        Assert.Equal(4, first.History.Length);
        Assert.NotNull(first.NextBefore);
        Assert.Equal(6, all.Count);
        Assert.Equal(all.Select(e => e.Id).OrderDescending(), all.Select(e => e.Id));
        var purchase = all[0];
        Assert.Equal(("license.purchase", -2_500_000L, "-2.50", "Posted"), (purchase.Kind, purchase.Amount.MicroCredits, purchase.Amount.Credits, purchase.State));
        Assert.Equal(license.Id.ToString(), purchase.Reference);
        Assert.Equal([5_000_000L, 4_000_000, 3_000_000, 2_000_000, 1_000_000], all.Skip(1).Select(e => e.Amount.MicroCredits));
        Assert.All(all.Skip(1), e => Assert.Equal(Wallets.FundingKind, e.Kind));
        Assert.Equal(first.Balance.Posted.MicroCredits, all.Sum(e => e.Amount.MicroCredits));
    }

    [Fact]
    public async Task Each_viewer_sees_only_its_own_wallet_and_others_see_none()
    {
        using var alice = await Server.SignedUpAsync(Roles.Viewer);
        using var bob = await Server.SignedUpAsync(Roles.Viewer);
        using var newcomer = await Server.SignedUpAsync(Roles.Viewer);
        await Wallets.FundAsync(Server, await IdOfAsync(alice), 7_000_000);
        await Wallets.FundAsync(Server, await IdOfAsync(bob), 1);
        using var anonymous = Server.Anonymous();
        using var customer = await Server.SignedUpAsync(Roles.Customer);

        var aliceSees = await WalletAsync(alice);
        var bobSees = await WalletAsync(bob);
        var newcomerSees = await WalletAsync(newcomer);

        Assert.Equal(7_000_000, Assert.Single(aliceSees.History).Amount.MicroCredits);
        Assert.Equal(new CreditAmount(1, "0.000001"), Assert.Single(bobSees.History).Amount);
        Assert.Empty(newcomerSees.History);
        Assert.Null(newcomerSees.NextBefore);
        Assert.Equal(0, newcomerSees.Balance.Posted.MicroCredits);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/wallet")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await customer.GetAsync("/api/wallet")).StatusCode);
    }

    [Theory]
    [InlineData("?limit=0", "limit")]
    [InlineData("?limit=201", "limit")]
    [InlineData("?before=0", "before")]
    [InlineData("?before=-5&limit=10", "before")]
    public async Task Bad_paging_parameters_are_a_validation_problem(string query, string field)
    {
        using var viewer = await Server.SignedUpAsync(Roles.Viewer);

        var problem = await Problems.ReadValidationAsync(await viewer.GetAsync($"/api/wallet{query}"));

        Assert.Equal([field], problem.Errors.Keys);
    }

    [Fact]
    public async Task A_cursor_that_is_not_a_number_is_a_problem_too()
    {
        using var viewer = await Server.SignedUpAsync(Roles.Viewer);

        using var response = await viewer.GetAsync("/api/wallet?before=yesterday");

        await Problems.ReadAsync(response, HttpStatusCode.BadRequest);
    }
}
