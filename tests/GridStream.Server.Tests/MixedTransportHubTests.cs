using GridStream.Domain.Swarms.Protocol;
using GridStream.Server.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace GridStream.Server.Tests;

/// <summary>
/// Browsers (serve over WebRTC, fetch over WebRTC and HTTP) and agents (HTTP both ways) in one group of the real hub:
/// plans name only sources the requester can reach, and every designated fetcher is one the requester can reach.
/// </summary>
public sealed class MixedTransportHubTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private static readonly string[] BrowserServes = ["webrtc"];
    private static readonly string[] BrowserFetches = ["webrtc", "http"];

    private GridStreamFactory Server => fixture.Server;

    [Fact]
    public async Task Agents_are_never_planned_a_browser_and_browsers_are_planned_agents_and_browsers()
    {
        var content = await DemoManifest.CreateAsync(Server);
        await using var agentA = await PeerClient.ConnectAsync(Server);
        await using var agentB = await PeerClient.ConnectAsync(Server);
        await using var browserA = await PeerClient.ConnectAsync(Server);
        await using var browserB = await PeerClient.ConnectAsync(Server);
        // One agent as agents register today (no transports named), one naming them: both mean HTTP.
        await agentA.RegisterAsync(content, "10.1.0.1");
        await agentB.RegisterAsync(content, "10.1.0.2", serves: ["http"], fetches: ["http"]);
        await browserA.RegisterAsync(content, "10.1.0.3", serves: BrowserServes, fetches: BrowserFetches);
        await browserB.RegisterAsync(content, "10.1.0.4", serves: BrowserServes, fetches: BrowserFetches);
        var agents = new[] { agentA.PeerId, agentB.PeerId };
        var browsers = new[] { browserA.PeerId, browserB.PeerId };
        Assert.Equal(4, browserB.Registration!.Group.Members.Count); // one group, registered last

        // The browsers ask first, so for some segments a browser is the first fetcher and the agents need one of their own.
        var browserPlans = await Task.WhenAll(new[] { browserA, browserB }.Select(PlanAsync));
        var agentPlans = await Task.WhenAll(new[] { agentA, agentB }.Select(PlanAsync));

        Assert.All(agentPlans.SelectMany(plan => plan.Segments), segment =>
        {
            Assert.Contains(segment.DesignatedFetcher, agents);
            Assert.All(segment.Peers, peer => Assert.Contains(peer, agents));
        });
        Assert.All(browserPlans.SelectMany(plan => plan.Segments), segment =>
        {
            Assert.Contains(agents[0], segment.Peers.Append(segment.DesignatedFetcher));
            Assert.Contains(agents[1], segment.Peers.Append(segment.DesignatedFetcher));
        });
        Assert.Contains(browserPlans[0].Segments, segment => segment.DesignatedFetcher == browserA.PeerId || segment.DesignatedFetcher == browserB.PeerId);
        Assert.Contains(browserPlans[0].Segments, segment => agents.Contains(segment.DesignatedFetcher));
        // Both agents hear the same fetcher for each segment; where an agent went first, the browsers share its copy.
        Assert.Equal(agentPlans[0].Segments.Select(s => s.DesignatedFetcher), agentPlans[1].Segments.Select(s => s.DesignatedFetcher));
        foreach (var (forBrowser, forAgent) in browserPlans[0].Segments.Zip(agentPlans[0].Segments))
        {
            if (!browsers.Contains(forBrowser.DesignatedFetcher))
            {
                Assert.Equal(forBrowser.DesignatedFetcher, forAgent.DesignatedFetcher);
            }
        }
    }

    [Fact]
    public async Task When_the_last_agent_an_agent_could_fetch_from_leaves_it_fetches_every_segment_from_the_cdn()
    {
        var content = await DemoManifest.CreateAsync(Server);
        await using var staying = await PeerClient.ConnectAsync(Server);
        await using var leaving = await PeerClient.ConnectAsync(Server);
        await using var browserA = await PeerClient.ConnectAsync(Server);
        await using var browserB = await PeerClient.ConnectAsync(Server);
        await staying.RegisterAsync(content, "10.1.0.1");
        await leaving.RegisterAsync(content, "10.1.0.2");
        await browserA.RegisterAsync(content, "10.1.0.3", serves: BrowserServes, fetches: BrowserFetches);
        await browserB.RegisterAsync(content, "10.1.0.4", serves: BrowserServes, fetches: BrowserFetches);
        var before = await PlanAsync(staying);
        Assert.Contains(before.Segments, segment => segment.DesignatedFetcher == leaving.PeerId);

        await leaving.Connection.InvokeAsync(PeerHubMethods.Withdraw);
        await staying.LatestGroupAsync(view => view.Members.Count == 3);
        var after = await PlanAsync(staying);

        Assert.All(after.Segments, segment =>
        {
            Assert.True(segment.FetchFromCdn);
            Assert.Equal(staying.PeerId, segment.DesignatedFetcher);
            Assert.Empty(segment.Peers);
        });
        // The browsers still get the agent's copies over HTTP.
        Assert.All((await PlanAsync(browserA)).Segments, segment => Assert.Contains(staying.PeerId, segment.Peers.Append(segment.DesignatedFetcher)));
    }

    [Fact]
    public async Task Unknown_transports_and_huge_lists_are_refused_and_the_connection_can_still_register()
    {
        var content = await DemoManifest.CreateAsync(Server);
        await using var viewer = await PeerClient.ConnectAsync(Server);

        var unknown = await Assert.ThrowsAsync<HubException>(() => viewer.RegisterAsync(content, "10.1.0.1", serves: ["carrier-pigeon"]));
        var huge = await Assert.ThrowsAsync<HubException>(() =>
            viewer.RegisterAsync(content, "10.1.0.1", fetches: Enumerable.Repeat("http", 10_000).ToList()));
        var longName = await Assert.ThrowsAsync<HubException>(() => viewer.RegisterAsync(content, "10.1.0.1", fetches: [new string('w', 5_000)]));
        var registered = await viewer.RegisterAsync(content, "10.1.0.1", serves: BrowserServes, fetches: BrowserFetches);

        Assert.Contains("Unknown transport 'carrier-pigeon' in 'serves'; known transports: webrtc, http.", unknown.Message, StringComparison.Ordinal);
        Assert.Contains("List at most 8 transports in 'fetches'", huge.Message, StringComparison.Ordinal);
        Assert.Contains("Unknown transport 'wwww", longName.Message, StringComparison.Ordinal);
        Assert.True(longName.Message.Length < 400, longName.Message);
        Assert.Equal([registered.PeerId], registered.Group.Members);
    }

    private static Task<SourcePlan> PlanAsync(PeerClient peer) =>
        peer.Connection.InvokeAsync<SourcePlan>(PeerHubMethods.RequestSources, new SourceRequest(1, 20));
}
