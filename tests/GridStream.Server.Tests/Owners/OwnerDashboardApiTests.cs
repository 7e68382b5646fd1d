using System.Net;
using System.Net.Http.Json;
using GridStream.Domain.Accounts;
using GridStream.Domain.Owners;
using GridStream.Domain.Swarms.Protocol;
using GridStream.Server.Owners;
using GridStream.Server.Tests.Infrastructure;
using GridStream.Server.Tests.Licensing;
using Microsoft.AspNetCore.SignalR.Client;
using static GridStream.Server.Tests.Licensing.LicensingClient;

namespace GridStream.Server.Tests.Owners;

/// <summary>The owner dashboard's figures through the real host: sales from real purchases, audience from real peer reports.</summary>
public sealed class OwnerDashboardApiTests(PaidServerFixture fixture) : IClassFixture<PaidServerFixture>
{
    private const long Price = 5_000_000;
    private const long OwnerShare = 4_000_000; // the default platform fee is 20 %

    private GridStreamFactory Server => fixture.Server;

    [Fact]
    public async Task Sales_show_each_license_and_the_owners_share_on_the_day_it_was_sold_and_only_to_that_owner()
    {
        using var owner = await Server.SignedUpAsync(Roles.Owner);
        var content = await PricedContentAsync(Server, Price, ownerId: await IdOfAsync(owner));
        foreach (var _ in Enumerable.Range(0, 2))
        {
            using var viewer = await Server.SignedUpAsync(Roles.Viewer);
            await Wallets.FundAsync(Server, await IdOfAsync(viewer), Price);
            using var bought = await BuyAsync(viewer, content, $"buy-{Guid.NewGuid():N}");
            Assert.Equal(HttpStatusCode.Created, bought.StatusCode);
        }

        var sales = (await owner.GetFromJsonAsync<OwnerSales>("/api/owner/sales?days=7"))!;

        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        Assert.Equal(7, sales.Days.Count);
        Assert.Equal(today, sales.LastDay);
        Assert.Equal(today.AddDays(-6), sales.FirstDay);
        Assert.Equal(new DaySales(today, 2, 2 * OwnerShare), sales.Days[^1]);
        Assert.All(sales.Days.SkipLast(1), day => Assert.Equal((0, 0L), (day.Licenses, day.EarnedMicroCredits)));
        Assert.Equal((2, 2 * OwnerShare), (sales.Licenses, sales.EarnedMicroCredits));
        Assert.Equal(2 * OwnerShare, (await Wallets.BalanceAsync(Server, Wallets.EarningsOf(await IdOfAsync(owner)))).Posted);

        using var otherOwner = await Server.SignedUpAsync(Roles.Owner);
        var theirs = (await otherOwner.GetFromJsonAsync<OwnerSales>("/api/owner/sales"))!;
        Assert.Equal(SalesByDay.DefaultDays, theirs.Days.Count);
        Assert.Equal((0, 0L), (theirs.Licenses, theirs.EarnedMicroCredits));
    }

    [Theory]
    [InlineData("/api/owner/sales?days=0")]
    [InlineData("/api/owner/sales?days=367")]
    [InlineData("/api/owner/audience?days=-1")]
    public async Task A_window_out_of_range_is_refused_with_the_reason(string path)
    {
        using var owner = await Server.SignedUpAsync(Roles.Owner);

        using var response = await owner.GetAsync(path);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("days is a whole number from 1 to 366", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_audience_counts_what_the_owners_viewers_got_from_peers_and_from_the_cdn_and_nothing_of_other_items()
    {
        using var owner = await Server.SignedUpAsync(Roles.Owner);
        var ownerId = await IdOfAsync(owner);
        var content = await PricedContentAsync(Server, 0, ownerId: ownerId);
        var quiet = await PricedContentAsync(Server, 0, ownerId: ownerId);
        var someoneElses = await PricedContentAsync(Server, 0);
        await using var a = await PeerClient.ConnectAsync(Server);
        await using var b = await PeerClient.ConnectAsync(Server);
        await using var stranger = await PeerClient.ConnectAsync(Server);
        await a.RegisterAsync(content, "10.7.0.1");
        await b.RegisterAsync(content, "10.7.0.2");
        await stranger.RegisterAsync(someoneElses, "10.7.0.3");

        // Reports carry what arrived since the last one: two reports from a, one from b.
        await a.Connection.InvokeAsync(PeerHubMethods.Report, Report(b.PeerId, cdn: 100_000, peer: 300_000));
        await a.Connection.InvokeAsync(PeerHubMethods.Report, Report(b.PeerId, cdn: 0, peer: 600_000));
        await b.Connection.InvokeAsync(PeerHubMethods.Report, Report(a.PeerId, cdn: 100_000, peer: 0));
        await stranger.Connection.InvokeAsync(PeerHubMethods.Report, new PeerReport([], BufferMs: 1_000, Stalls: 0, CdnBytes: 5_000, PeerBytes: 7_000));

        OwnerAudience audience;
        var deadline = DateTime.UtcNow.AddSeconds(20);
        do
        {
            await Task.Delay(200);
            audience = (await owner.GetFromJsonAsync<OwnerAudience>("/api/owner/audience?days=1"))!;
        }
        while ((audience.PeerBytes < 900_000 || audience.CdnBytes < 200_000) && DateTime.UtcNow < deadline);

        Assert.Equal(new[] { content, quiet }.Order(), audience.Items.Select(i => i.ContentId).Order());
        var watched = Assert.Single(audience.Items, i => i.ContentId == content);
        Assert.Equal((900_000L, 200_000L, 900_000L, 2), (watched.PeerBytes, watched.CdnBytes, watched.CdnBytesSaved, watched.PeakPeers));
        Assert.Equal(900_000.0 / 1_100_000, watched.PeerShare!.Value, 6);
        Assert.True(watched.Snapshots >= 1);
        var unwatched = Assert.Single(audience.Items, i => i.ContentId == quiet);
        Assert.Equal((0L, 0L, (double?)null), (unwatched.PeerBytes, unwatched.CdnBytes, unwatched.PeerShare));
        Assert.Equal((900_000L, 200_000L, 900_000L), (audience.PeerBytes, audience.CdnBytes, audience.CdnBytesSaved));
    }

    private static PeerReport Report(Guid from, long cdn, long peer) =>
        new(peer > 0 ? [new NeighbourReport(from, peer, 4_000, 20, 1, 0, 0)] : [], BufferMs: 6_000, Stalls: 0, CdnBytes: cdn, PeerBytes: peer);
}
