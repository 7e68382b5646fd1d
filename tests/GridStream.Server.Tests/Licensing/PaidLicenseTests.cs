using System.Net;
using System.Net.Http.Json;
using GridStream.Domain.Accounts;
using GridStream.Server.Tests.Infrastructure;
using static GridStream.Server.Tests.Licensing.LicensingClient;

namespace GridStream.Server.Tests.Licensing;

/// <summary>Buying priced content through the payment seam, with wallets that really hold a balance in the same transaction.</summary>
public sealed class PaidLicenseTests(PaidServerFixture fixture) : IClassFixture<PaidServerFixture>
{
    private const long Price = 3_000_000;

    private GridStreamFactory Server => fixture.Server;

    [Fact]
    public async Task Not_enough_credits_is_a_402_and_nothing_moves()
    {
        var content = await PricedContentAsync(Server, Price);
        using var viewer = await Server.SignedUpAsync(Roles.Viewer);
        var viewerId = await IdOfAsync(viewer);
        await Wallets.FundAsync(Server, viewerId, Price - 1);

        using var response = await BuyAsync(viewer, content, "short");

        var problem = await Problems.ReadAsync(response, HttpStatusCode.PaymentRequired);
        Assert.Contains("Nothing was charged", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal((Price - 1, 0L), await Wallets.StateAsync(Server, viewerId));
        Assert.Equal(0, await LicenseRowsAsync(Server, content));
        Assert.Equal(HttpStatusCode.Forbidden, (await AskTokenAsync(viewer, content)).StatusCode);
    }

    [Fact]
    public async Task A_paid_license_is_charged_once_however_often_it_is_asked_for()
    {
        var content = await PricedContentAsync(Server, Price);
        using var viewer = await Server.SignedUpAsync(Roles.Viewer);
        var viewerId = await IdOfAsync(viewer);
        await Wallets.FundAsync(Server, viewerId, 10_000_000);

        var bought = await BoughtAsync(await BuyAsync(viewer, content, "buy-once"), HttpStatusCode.Created);
        var replayed = await BoughtAsync(await BuyAsync(viewer, content, "buy-once"), HttpStatusCode.OK);
        var again = await BoughtAsync(await BuyAsync(viewer, content, "buy-again"), HttpStatusCode.OK);

        Assert.Equal(Price, bought.PricePaidMicroCredits);
        Assert.Equal(bought.Id, replayed.Id);
        Assert.Equal(bought.Id, again.Id);
        Assert.Equal((10_000_000 - Price, 1L), await Wallets.StateAsync(Server, viewerId));
    }

    [Fact]
    public async Task Parallel_purchases_of_one_item_buy_it_once()
    {
        var content = await PricedContentAsync(Server, Price);
        using var viewer = await Server.SignedUpAsync(Roles.Viewer);
        var viewerId = await IdOfAsync(viewer);
        await Wallets.FundAsync(Server, viewerId, 100_000_000);

        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => BuyAsync(viewer, content, $"parallel-{i}")));

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Created);
        Assert.All(responses, r => Assert.True(r.IsSuccessStatusCode, $"{r.StatusCode}"));
        Assert.Equal(1, await LicenseRowsAsync(Server, content));
        Assert.Equal((100_000_000 - Price, 1L), await Wallets.StateAsync(Server, viewerId));
    }

    [Fact]
    public async Task The_catalog_marks_what_a_signed_in_viewer_holds_a_license_for()
    {
        var bought = await PricedContentAsync(Server, Price);
        var notBought = await PricedContentAsync(Server, Price);
        using var viewer = await Server.SignedUpAsync(Roles.Viewer);
        await Wallets.FundAsync(Server, await IdOfAsync(viewer), Price);
        await BoughtAsync(await BuyAsync(viewer, bought), HttpStatusCode.Created);
        using var anonymous = Server.Anonymous();

        var seen = (await viewer.GetFromJsonAsync<Catalog>("/api/content?pageSize=200"))!.Items;
        var seenByAnyone = (await anonymous.GetFromJsonAsync<Catalog>("/api/content?pageSize=200"))!.Items;
        var one = await viewer.GetFromJsonAsync<CatalogEntry>($"/api/content/{bought}");

        Assert.True(seen.Single(i => i.Id == bought).Licensed);
        Assert.False(seen.Single(i => i.Id == notBought).Licensed);
        Assert.All(seenByAnyone, item => Assert.Null(item.Licensed));
        Assert.True(one!.Licensed);
    }

    [Fact]
    public async Task A_token_from_a_paid_license_admits_its_viewer_to_the_swarm()
    {
        var content = await PricedContentAsync(Server, Price, licenseDays: 30);
        using var viewer = await Server.SignedUpAsync(Roles.Viewer);
        await Wallets.FundAsync(Server, await IdOfAsync(viewer), Price);
        var license = await BoughtAsync(await BuyAsync(viewer, content), HttpStatusCode.Created);

        var token = await TokenAsync(viewer, content);
        await using var peer = await PeerClient.ConnectAsync(Server, viewer.DefaultRequestHeaders.Authorization!.Parameter!);
        var registration = await peer.RegisterAsync(content, "10.2.0.1", playbackToken: token.Token);

        Assert.Equal(license.GrantedAt.AddDays(30), license.ExpiresAt);
        Assert.True(token.Required);
        Assert.Equal(content, registration.Group.ContentId);
    }
}
