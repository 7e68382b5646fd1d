using System.Net;
using System.Net.Http.Json;
using GridStream.Domain.Accounts;
using GridStream.Server.Tests.Infrastructure;
using static GridStream.Server.Tests.Licensing.LicensingClient;

namespace GridStream.Server.Tests.Licensing;

/// <summary>Licenses on a server as it ships: free content is licensed for nothing, priced content is paid for with credits.</summary>
public sealed class LicensePurchaseTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private GridStreamFactory Server => fixture.Server;

    [Fact]
    public async Task A_free_item_is_licensed_for_nothing_once_and_the_same_license_comes_back()
    {
        var content = await PricedContentAsync(Server, 0);
        using var viewer = await Server.SignedUpAsync(Roles.Viewer);

        var first = await BoughtAsync(await BuyAsync(viewer, content, "first-purchase"), HttpStatusCode.Created);
        var sameKey = await BoughtAsync(await BuyAsync(viewer, content, "first-purchase"), HttpStatusCode.OK);
        var noKey = await BoughtAsync(await BuyAsync(viewer, content), HttpStatusCode.OK);

        Assert.Equal(0, first.PricePaidMicroCredits);
        Assert.Null(first.ExpiresAt);
        Assert.True(first.Current);
        Assert.Equal(first.Id, sameKey.Id);
        Assert.Equal(first.Id, noKey.Id);
        var mine = await LicensesAsync(viewer);
        Assert.Equal(first.Id, Assert.Single(mine.Items).Id);
        Assert.Equal(1, await LicenseRowsAsync(Server, content));
    }

    [Fact]
    public async Task Buying_priced_content_with_an_empty_wallet_is_a_402_and_grants_nothing()
    {
        var content = await PricedContentAsync(Server, 2_000_000);
        using var viewer = await Server.SignedUpAsync(Roles.Viewer);

        using var response = await BuyAsync(viewer, content, "try-1");

        var problem = await Problems.ReadAsync(response, HttpStatusCode.PaymentRequired);
        Assert.Equal("Not enough credits", problem.GetProperty("title").GetString());
        Assert.Contains("2.00 credits", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Empty((await LicensesAsync(viewer)).Items);
        Assert.Equal(0, await LicenseRowsAsync(Server, content));
        Assert.Equal((0L, 0L), await Wallets.StateAsync(Server, await IdOfAsync(viewer)));
        using var token = await AskTokenAsync(viewer, content);
        await Problems.ReadAsync(token, HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Free_content_gets_a_token_without_a_license_and_priced_content_does_not()
    {
        var free = await PricedContentAsync(Server, 0);
        var priced = await PricedContentAsync(Server, 1);
        using var viewer = await Server.SignedUpAsync(Roles.Viewer);

        var token = await TokenAsync(viewer, free);
        using var refused = await AskTokenAsync(viewer, priced);

        Assert.False(token.Required);
        Assert.InRange(token.ExpiresAt, DateTimeOffset.UtcNow.AddMinutes(5), DateTimeOffset.UtcNow.AddMinutes(11));
        var problem = await Problems.ReadAsync(refused, HttpStatusCode.Forbidden);
        Assert.Contains("license", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_content_and_bad_keys_are_refused_clearly()
    {
        using var viewer = await Server.SignedUpAsync(Roles.Viewer);
        var content = await PricedContentAsync(Server, 0);

        await Problems.ReadAsync(await BuyAsync(viewer, Guid.NewGuid()), HttpStatusCode.NotFound);
        await Problems.ReadAsync(await AskTokenAsync(viewer, Guid.NewGuid()), HttpStatusCode.NotFound);
        var overlong = await Problems.ReadValidationAsync(await BuyAsync(viewer, content, new string('k', 101)));
        Assert.Contains("Idempotency-Key", overlong.Errors.Keys);
        await BoughtAsync(await BuyAsync(viewer, content, "used-once"), HttpStatusCode.Created);
        var other = await PricedContentAsync(Server, 0);
        await Problems.ReadAsync(await BuyAsync(viewer, other, "used-once"), HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Only_viewers_buy_and_ask_for_tokens()
    {
        var content = await PricedContentAsync(Server, 0);
        using var anonymous = Server.Anonymous();
        using var customer = await Server.SignedUpAsync(Roles.Customer);

        Assert.Equal(HttpStatusCode.Unauthorized, (await BuyAsync(anonymous, content)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await BuyAsync(customer, content)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await AskTokenAsync(anonymous, content)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/licenses")).StatusCode);
    }

    [Fact]
    public async Task Owners_set_a_license_period_within_bounds()
    {
        using var owner = await Server.SignedUpAsync(Roles.Owner);
        var body = new { title = "Rental", masterPlaylistUrl = "http://127.0.0.1:9/master.m3u8", priceMicroCredits = 5_000_000, licenseDays = 0 };

        var refused = await Problems.ReadValidationAsync(await owner.PostAsJsonAsync("/api/content", body));
        using var created = await owner.PostAsJsonAsync("/api/content", body with { licenseDays = 30 });

        Assert.Equal(["licenseDays"], refused.Errors.Keys);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var view = await created.Content.ReadFromJsonAsync<Owned>();
        Assert.Equal(30, view!.LicenseDays);
        using var forever = await owner.PutAsJsonAsync($"/api/content/{view.Id}", new { title = "Rental", masterPlaylistUrl = body.masterPlaylistUrl, priceMicroCredits = 5_000_000 });
        Assert.Null((await forever.Content.ReadFromJsonAsync<Owned>())!.LicenseDays);
    }

    private sealed record Owned(Guid Id, long PriceMicroCredits, int? LicenseDays);
}
