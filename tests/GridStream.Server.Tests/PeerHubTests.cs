using System.Net.Http.Json;
using GridStream.Domain.Swarms.Protocol;
using GridStream.Server.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace GridStream.Server.Tests;

public sealed class PeerHubTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private GridStreamFactory Server => fixture.Server;

    [Fact]
    public async Task A_lone_viewer_registers_and_is_told_to_fetch_the_first_segment_from_the_cdn()
    {
        var content = await DemoManifest.CreateAsync(Server);
        await using var viewer = await PeerClient.ConnectAsync(Server);

        var registered = await viewer.RegisterAsync(content, "10.1.0.10");

        Assert.Equal([registered.PeerId], registered.Group.Members);
        var first = Assert.Single(registered.FirstPlan.Segments);
        Assert.Equal(0, first.Sequence);
        Assert.Equal(DemoManifest.HashOf(0), first.Sha256);
        Assert.True(first.FetchFromCdn);
        Assert.Equal(registered.PeerId, first.DesignatedFetcher);
    }

    [Fact]
    public async Task Twelve_viewers_end_in_groups_of_five_to_ten_and_hear_about_every_change()
    {
        var content = await DemoManifest.CreateAsync(Server);
        var viewers = new List<PeerClient>();
        try
        {
            for (var i = 0; i < 12; i++)
            {
                var viewer = await PeerClient.ConnectAsync(Server);
                viewers.Add(viewer);
                await viewer.RegisterAsync(content, $"10.{1 + i % 2}.{i}.10");
            }

            var distinct = await SettledGroupsAsync(viewers);
            Assert.Equal(12, distinct.Sum(view => view.Members.Count));
            Assert.All(distinct, view => Assert.InRange(view.Members.Count, 5, 10));
            Assert.All(viewers, viewer => Assert.Single(distinct, view => view.Members.Contains(viewer.PeerId)));
        }
        finally
        {
            foreach (var viewer in viewers)
            {
                await viewer.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task Every_member_hears_the_same_designated_fetcher_and_the_fetchers_rotate()
    {
        var content = await DemoManifest.CreateAsync(Server);
        await using var a = await PeerClient.ConnectAsync(Server);
        await using var b = await PeerClient.ConnectAsync(Server);
        await using var c = await PeerClient.ConnectAsync(Server);
        foreach (var (viewer, address) in new[] { (a, "10.1.0.1"), (b, "10.1.0.2"), (c, "10.1.0.3") })
        {
            await viewer.RegisterAsync(content, address);
        }

        var plans = new List<SourcePlan>();
        foreach (var viewer in new[] { a, b, c })
        {
            plans.Add(await viewer.Connection.InvokeAsync<SourcePlan>(PeerHubMethods.RequestSources, new SourceRequest(1, 9)));
        }

        var fetchers = plans[0].Segments.Select(s => s.DesignatedFetcher).ToList();
        Assert.All(plans, plan => Assert.Equal(fetchers, plan.Segments.Select(s => s.DesignatedFetcher)));
        Assert.Equal(3, fetchers.Distinct().Count());
        Assert.All(plans[1].Segments, segment =>
        {
            Assert.Equal(segment.DesignatedFetcher == b.PeerId, segment.FetchFromCdn);
            Assert.DoesNotContain(b.PeerId, segment.Peers);
            Assert.Equal(DemoManifest.HashOf(segment.Sequence), segment.Sha256);
        });
    }

    [Fact]
    public async Task A_member_whose_upload_is_slower_than_the_stream_is_never_the_designated_fetcher()
    {
        var content = await DemoManifest.CreateAsync(Server); // 700 kbit/s
        await using var slow = await PeerClient.ConnectAsync(Server);
        await using var fast = await PeerClient.ConnectAsync(Server);
        await slow.RegisterAsync(content, "10.1.0.1", upKbps: 300);
        await fast.RegisterAsync(content, "10.1.0.2", upKbps: 8_000);

        var plan = await slow.Connection.InvokeAsync<SourcePlan>(PeerHubMethods.RequestSources, new SourceRequest(1, 9));

        Assert.All(plan.Segments, segment => Assert.Equal(fast.PeerId, segment.DesignatedFetcher));
    }

    [Fact]
    public async Task A_peer_reporting_uploads_in_progress_ranks_below_an_idle_mate_at_the_same_distance()
    {
        var content = await DemoManifest.CreateAsync(Server);
        await using var a = await PeerClient.ConnectAsync(Server);
        await using var b = await PeerClient.ConnectAsync(Server);
        await using var c = await PeerClient.ConnectAsync(Server);
        foreach (var (viewer, address) in new[] { (a, "10.1.0.1"), (b, "10.1.0.2"), (c, "10.1.0.3") })
        {
            await viewer.RegisterAsync(content, address);
        }

        var request = new SourceRequest(1, 9);
        var before = (await c.Connection.InvokeAsync<SourcePlan>(PeerHubMethods.RequestSources, request)).Segments.First(s => s.FetchFromCdn);
        var (first, second) = (before.Peers[0], before.Peers[1]);
        var busy = first == a.PeerId ? a : b;
        await busy.Connection.InvokeAsync(PeerHubMethods.Report, new PeerReport([], BufferMs: 6_000, Stalls: 0, CdnBytes: 0, PeerBytes: 0, ActiveUploads: 3));
        var after = (await c.Connection.InvokeAsync<SourcePlan>(PeerHubMethods.RequestSources, request)).Segments.Single(s => s.Sequence == before.Sequence);

        Assert.Equal([second, first], after.Peers);
        var lie = await Assert.ThrowsAsync<HubException>(() => busy.Connection.InvokeAsync(PeerHubMethods.Report,
            new PeerReport([], BufferMs: 0, Stalls: 0, CdnBytes: 0, PeerBytes: 0, ActiveUploads: -1)));
        Assert.Contains("Active uploads", lie.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Signals_reach_group_mates_and_are_refused_for_strangers()
    {
        var first = await DemoManifest.CreateAsync(Server);
        var second = await DemoManifest.CreateAsync(Server);
        await using var alice = await PeerClient.ConnectAsync(Server);
        await using var bob = await PeerClient.ConnectAsync(Server);
        await using var stranger = await PeerClient.ConnectAsync(Server);
        await alice.RegisterAsync(first, "10.1.0.1");
        await bob.RegisterAsync(first, "10.1.0.2");
        await stranger.RegisterAsync(second, "10.1.0.3");

        await alice.Connection.InvokeAsync(PeerHubMethods.Signal, bob.PeerId, "{\"type\":\"offer\",\"sdp\":\"v=0\"}");
        var refused = await Assert.ThrowsAsync<HubException>(() => alice.Connection.InvokeAsync(PeerHubMethods.Signal, stranger.PeerId, "hello"));

        await WaitUntil(() => !bob.Signals.IsEmpty);
        var received = Assert.Single(bob.Signals);
        Assert.Equal(alice.PeerId, received.From);
        Assert.Contains("offer", received.Payload, StringComparison.Ordinal);
        Assert.Contains("own group", refused.Message, StringComparison.Ordinal);
        Assert.Empty(stranger.Signals);
    }

    [Fact]
    public async Task A_peer_serving_bad_segments_is_degraded_then_removed()
    {
        var content = await DemoManifest.CreateAsync(Server);
        await using var honest = await PeerClient.ConnectAsync(Server);
        await using var liar = await PeerClient.ConnectAsync(Server);
        await honest.RegisterAsync(content, "10.1.0.1");
        await liar.RegisterAsync(content, "10.1.0.2");

        for (var i = 0; i < 3; i++)
        {
            await honest.Connection.InvokeAsync(PeerHubMethods.Report, new PeerReport(
                [new NeighbourReport(liar.PeerId, BytesReceived: 100_000, RateKbps: 4_000, RttMs: 20, Successes: 0, Failures: 0, BadSegments: 1)],
                BufferMs: 8_000, Stalls: 0, CdnBytes: 0, PeerBytes: 100_000));
        }

        Assert.Contains("hash", await liar.RemovedBecause.Task.WaitAsync(TimeSpan.FromSeconds(10)), StringComparison.Ordinal);
        var group = await honest.LatestGroupAsync(view => !view.Members.Contains(liar.PeerId));
        Assert.Equal([honest.PeerId], group.Members);
        var plan = await honest.Connection.InvokeAsync<SourcePlan>(PeerHubMethods.RequestSources, new SourceRequest(0, 3));
        Assert.All(plan.Segments, segment => Assert.DoesNotContain(liar.PeerId, segment.Peers));
    }

    [Fact]
    public async Task Reports_about_peers_outside_ones_group_are_refused()
    {
        var content = await DemoManifest.CreateAsync(Server);
        await using var viewer = await PeerClient.ConnectAsync(Server);
        await viewer.RegisterAsync(content, "10.1.0.1");

        var refused = await Assert.ThrowsAsync<HubException>(() => viewer.Connection.InvokeAsync(PeerHubMethods.Report, new PeerReport(
            [new NeighbourReport(Guid.NewGuid(), 1, 1, 1, 1, 0, 0)], 0, 0, 0, 0)));

        Assert.Contains("members of your group", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Withdrawing_or_disconnecting_rebalances_and_tells_the_rest()
    {
        var content = await DemoManifest.CreateAsync(Server);
        await using var stays = await PeerClient.ConnectAsync(Server);
        var withdraws = await PeerClient.ConnectAsync(Server);
        var disconnects = await PeerClient.ConnectAsync(Server);
        await stays.RegisterAsync(content, "10.1.0.1");
        await withdraws.RegisterAsync(content, "10.1.0.2");
        await disconnects.RegisterAsync(content, "10.1.0.3");
        await stays.LatestGroupAsync(view => view.Members.Count == 3);

        await withdraws.Connection.InvokeAsync(PeerHubMethods.Withdraw);
        await stays.LatestGroupAsync(view => view.Members.Count == 2 && !view.Members.Contains(withdraws.PeerId));
        await disconnects.DisposeAsync();
        var last = await stays.LatestGroupAsync(view => view.Members.Count == 1);

        Assert.Equal([stays.PeerId], last.Members);
        await withdraws.DisposeAsync();
    }

    [Fact]
    public async Task Unknown_or_unpublished_content_and_bad_requests_get_clear_errors()
    {
        var unpublished = await DemoManifest.CreateAsync(Server, published: false);
        await using var viewer = await PeerClient.ConnectAsync(Server);

        var unknown = await Assert.ThrowsAsync<HubException>(() => viewer.RegisterAsync(Guid.NewGuid(), "10.1.0.1"));
        var hidden = await Assert.ThrowsAsync<HubException>(() => viewer.RegisterAsync(unpublished, "10.1.0.1"));
        var badAddress = await Assert.ThrowsAsync<HubException>(() => viewer.RegisterAsync(unpublished, "not-an-ip"));
        var unregistered = await Assert.ThrowsAsync<HubException>(() =>
            viewer.Connection.InvokeAsync<SourcePlan>(PeerHubMethods.RequestSources, new SourceRequest(0, 5)));

        Assert.Contains("no published content", unknown.Message, StringComparison.Ordinal);
        Assert.Contains("no published content", hidden.Message, StringComparison.Ordinal);
        Assert.Contains("not an IP address", badAddress.Message, StringComparison.Ordinal);
        Assert.Contains("Register", unregistered.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_flood_of_calls_is_rate_limited_without_harm()
    {
        var content = await DemoManifest.CreateAsync(Server);
        await using var flooder = await PeerClient.ConnectAsync(Server);
        await flooder.RegisterAsync(content, "10.1.0.1");

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 150).Select(async _ =>
        {
            try
            {
                await flooder.Connection.InvokeAsync<SourcePlan>(PeerHubMethods.RequestSources, new SourceRequest(0, 1));
                return "ok";
            }
            catch (HubException e)
            {
                return e.Message;
            }
        }));

        Assert.Contains(outcomes, outcome => outcome.Contains("Too many calls", StringComparison.Ordinal));
        Assert.Contains("ok", outcomes);
        using var health = Server.Anonymous();
        Assert.Equal(System.Net.HttpStatusCode.OK, (await health.GetAsync("/healthz")).StatusCode);
    }

    [Fact]
    public async Task Reported_figures_show_in_the_operator_view_and_are_persisted_as_snapshots()
    {
        var content = await DemoManifest.CreateAsync(Server);
        await using var a = await PeerClient.ConnectAsync(Server);
        await using var b = await PeerClient.ConnectAsync(Server);
        await a.RegisterAsync(content, "10.1.0.1");
        await b.RegisterAsync(content, "10.1.0.2");

        await a.Connection.InvokeAsync(PeerHubMethods.Report, new PeerReport(
            [new NeighbourReport(b.PeerId, 900_000, 4_000, 20, 3, 0, 0)], BufferMs: 6_000, Stalls: 1, CdnBytes: 100_000, PeerBytes: 900_000));

        using var admin = await Server.AdminAsync();
        var swarm = Assert.Single((await admin.GetFromJsonAsync<SwarmView[]>("/api/swarms"))!, view => view.ContentId == content);
        Assert.Equal((2, 100_000L, 900_000L, 9_000, 1), (swarm.Peers, swarm.CdnBytes, swarm.PeerBytes, swarm.PeerSharePerTenThousand, swarm.Stalls));
        using var viewer = await Server.SignedUpAsync("viewer");
        Assert.Equal(System.Net.HttpStatusCode.Forbidden, (await viewer.GetAsync("/api/swarms")).StatusCode);

        for (var i = 0; i < 50 && await PersistedPeerBytesAsync(content) != 900_000; i++)
        {
            await Task.Delay(100);
        }

        Assert.Equal(900_000, await PersistedPeerBytesAsync(content));
    }

    private async Task<long?> PersistedPeerBytesAsync(Guid content)
    {
        await using var connection = new Npgsql.NpgsqlConnection(Server.ConnectionString);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand(
            "SELECT \"PeerBytes\" FROM swarm_snapshots WHERE \"ContentItemId\" = $1 ORDER BY \"TakenAt\" DESC LIMIT 1", connection)
        {
            Parameters = { new() { Value = content } },
        };
        return await command.ExecuteScalarAsync() as long?;
    }

    private sealed record SwarmView(Guid ContentId, string Rendition, int Peers, int[] GroupSizes, long CdnBytes, long PeerBytes, int PeerSharePerTenThousand, int Stalls);

    [Fact]
    public async Task Anonymous_connections_are_refused()
    {
        var connection = new HubConnectionBuilder().WithUrl(new Uri(Server.Address, PeerHubMethods.Path)).Build();

        var refused = await Assert.ThrowsAsync<HttpRequestException>(() => connection.StartAsync());

        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, refused.StatusCode);
        await connection.DisposeAsync();
    }

    private static async Task WaitUntil(Func<bool> condition)
    {
        for (var i = 0; i < 100 && !condition(); i++)
        {
            await Task.Delay(50);
        }
    }

    /// <summary>
    /// The groups once every viewer's latest pushed view agrees with its group mates' views (the hub coalesces group
    /// changes, so the last pushes may still be on their way when the last registration returns).
    /// </summary>
    private static async Task<List<GroupView>> SettledGroupsAsync(IReadOnlyList<PeerClient> viewers)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (true)
        {
            var views = viewers.Select(viewer => (Viewer: viewer.PeerId, View: viewer.GroupChanges.LastOrDefault())).ToList();
            var everyoneInTheirView = views.All(v => v.View is not null && v.View.Members.Contains(v.Viewer));
            var groups = views.Where(v => v.View is not null).GroupBy(v => v.View!.GroupId).ToList();
            if (everyoneInTheirView && groups.All(group =>
                group.All(v => v.View!.Members.ToHashSet().SetEquals(group.First().View!.Members)) && group.Count() == group.First().View!.Members.Count))
            {
                return [.. groups.Select(group => group.First().View!)];
            }

            Assert.True(DateTime.UtcNow < deadline,
                "The viewers' latest group views did not settle: " + string.Join("; ", views.Select(v => $"{v.Viewer}: {v.View}")));
            await Task.Delay(50);
        }
    }
}
