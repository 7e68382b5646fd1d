using System.Net;
using System.Net.Http.Json;
using GridStream.Domain.Accounts;
using GridStream.Server.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR;
using static GridStream.Server.Tests.Licensing.LicensingClient;

namespace GridStream.Server.Tests.Licensing;

/// <summary>A license with a period ends; the server's clock is moved past it rather than waited for.</summary>
public sealed class LicenseExpiryTests(PaidServerFixture fixture) : IClassFixture<PaidServerFixture>
{
    private const long Price = 1_000_000;

    private GridStreamFactory Server => fixture.Server;

    [Fact]
    public async Task After_its_period_a_license_no_longer_gives_tokens_or_swarm_access_and_can_be_bought_again()
    {
        var content = await PricedContentAsync(Server, Price, licenseDays: 1);
        var email = $"renter-{Guid.NewGuid():N}@gridstream.test";
        using (var anonymous = Server.Anonymous())
        {
            (await anonymous.PostAsJsonAsync("/api/accounts/signup", new { email, password = "correct-horse-1", role = Roles.Viewer })).EnsureSuccessStatusCode();
        }

        using var viewer = await Server.SignedInAsync(email, "correct-horse-1");
        var viewerId = await IdOfAsync(viewer);
        await Wallets.FundAsync(Server, viewerId, 2 * Price);
        var first = await BoughtAsync(await BuyAsync(viewer, content), HttpStatusCode.Created);
        var oldToken = await TokenAsync(viewer, content);

        fixture.Clock.Advance(TimeSpan.FromDays(1) + TimeSpan.FromMinutes(1));
        // Sign in again: the bearer token from before the jump has expired on the moved clock too.
        using var later = await Server.SignedInAsync(email, "correct-horse-1");

        using var refused = await AskTokenAsync(later, content);
        await Problems.ReadAsync(refused, HttpStatusCode.Forbidden);
        Assert.False(Assert.Single((await LicensesAsync(later)).Items).Current);
        Assert.False((await later.GetFromJsonAsync<CatalogEntry>($"/api/content/{content}"))!.Licensed);
        await using (var peer = await PeerClient.ConnectAsync(Server, later.DefaultRequestHeaders.Authorization!.Parameter!))
        {
            var refusal = await Assert.ThrowsAsync<HubException>(() => peer.RegisterAsync(content, "10.3.0.1", playbackToken: oldToken.Token));
            Assert.Contains("expired", refusal.Message, StringComparison.Ordinal);
        }

        var second = await BoughtAsync(await BuyAsync(later, content), HttpStatusCode.Created);
        Assert.NotEqual(first.Id, second.Id);
        Assert.Equal((0L, 2L), await Wallets.StateAsync(Server, viewerId));
        Assert.Equal(HttpStatusCode.OK, (await AskTokenAsync(later, content)).StatusCode);
    }
}
