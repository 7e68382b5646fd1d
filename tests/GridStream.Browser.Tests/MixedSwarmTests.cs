using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using GridStream.Agent.Peering;
using GridStream.Agent.Swarming;
using GridStream.Browser.Tests.Infrastructure;
using GridStream.Domain.Swarms.Playback;
using GridStream.Domain.Swarms.Protocol;
using GridStream.Server.Tests.Infrastructure;
using Microsoft.Playwright;
using static GridStream.Browser.Tests.Infrastructure.ViewerSteps;

namespace GridStream.Browser.Tests;

/// <summary>
/// Browsers and headless agents in one swarm: real agents (their own HTTP servers, signed in through the real API,
/// on the real hub) and a real page watch the same item in one group. The page fetches segments from the agents over
/// HTTP (CORS), checked by hash; the agents are never told to wait on the page, which they could not reach.
/// </summary>
public sealed class MixedSwarmTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>, IAsyncLifetime
{
    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => fixture.CloseOpenPagesAsync();

    private const int Agents = 3;

    private GridStreamFactory Server => fixture.Server;

    [Fact]
    public async Task A_page_plays_segments_from_headless_agents_over_http_and_no_agent_is_told_to_wait_on_the_page()
    {
        await WaitForDemoManifestsAsync(Server);
        var rendition = await LowestRenditionAsync(OnDemand);
        using var http = new HttpClient();
        using var endEarly = new CancellationTokenSource();
        var progress = new StringWriter();
        // The page comes first and, alone, is the designated CDN fetcher of every segment it plans (ten at a time,
        // buffering well ahead). Agents joining then ask about those very segments: they must be given a fetcher among
        // themselves, never the page. At four times real time they soon overtake the page's buffer, and from then on
        // hold the segments it asks for.
        var page = await fixture.NewPageAsync();
        await SignUpAsync(page, "mixed-01-sign-up");
        await page.GotoAsync($"/watch/{OnDemand}");
        await WaitUntilPlayingAsync(page, seconds: 2);
        await Assertions.Expect(page.Locator("#group-size")).ToHaveTextAsync("1");

        var settings = new SwarmSettings(Server.Address, new ContentRendition(OnDemand, rendition), Agents, TimeSpan.FromMinutes(3),
            Speed: 4, ReportInterval: TimeSpan.FromSeconds(1));
        var agents = SwarmRunner.RunAsync(settings, http, TextWriter.Synchronized(progress), CancellationToken.None, endEarly.Token);
        try
        {
            await WaitForPeersAsync(Agents + 1, rendition, agents);
            await Assertions.Expect(page.Locator("#group-size")).ToHaveTextAsync((Agents + 1).ToString(CultureInfo.InvariantCulture));

            await page.WaitForFunctionAsync(
                "() => Number(document.querySelector('#peer-bytes').dataset.bytes) > 0", null, new() { Timeout = 90_000, PollingInterval = 250 });
            await WaitUntilPlayingAsync(page, seconds: await CurrentTimeAsync(page) + 6);
            await Assertions.Expect(page.Locator("#stalls")).ToHaveTextAsync("0");
            // Agents have no data channels: every peer byte came over HTTP.
            await Assertions.Expect(page.Locator("#open-channels")).ToHaveTextAsync("0");
            await Assertions.Expect(page.Locator("#bad-segments")).ToHaveTextAsync("0");
            await Screenshots.SaveAsync(page, "mixed-02-page-with-agents");

            var pagePeerBytes = long.Parse(await page.Locator("#peer-bytes").GetAttributeAsync("data-bytes") ?? "0", CultureInfo.InvariantCulture);
            await WaitForHubToCountAsync(rendition, pagePeerBytes);
            await endEarly.CancelAsync();
            var outcomes = await agents;
            var figures = ViewingFigures.Sum(outcomes.Select(agent => agent.Figures));
            await File.WriteAllTextAsync(Path.Combine(Screenshots.Folder, "mixed-agents.log"),
                $"{progress}\npage peer bytes {pagePeerBytes}\n{string.Join('\n', outcomes.Select(agent => $"{agent.PeerId}: {agent.Figures}"))}\n");

            Assert.Equal(Agents, outcomes.Count);
            Assert.All(outcomes, agent =>
            {
                Assert.Null(agent.RemovedBecause);
                // The agents' own account: no plan ever named a fetcher they could not reach (the page), no bad copies.
                Assert.Equal(0, agent.Figures.UnreachableFetchers);
                Assert.Equal(0, agent.Figures.BadSegments);
                Assert.True(agent.Figures.Segments > 0);
            });
            Assert.Equal(0, figures.Stalls);
            Assert.True(figures.PeerBytes > 0, "the agents exchanged nothing among themselves");
            await page.Context.CloseAsync();
        }
        finally
        {
            await endEarly.CancelAsync();
            await agents.ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }

    /// <summary>
    /// The CORS rule as real Chromium applies it: an agent's copy of a priced item is readable by the viewer app (the
    /// server's own origin) and by no other site; a free item's copy by any page.
    /// </summary>
    [Fact]
    public async Task An_agents_priced_segments_are_readable_by_the_viewer_app_only_and_free_ones_by_any_page()
    {
        var priced = new SegmentKey(Premium, "240p", 0);
        var free = new SegmentKey(OnDemand, "240p", 0);
        var cache = new SegmentCache(4);
        cache.Add(priced, new byte[1_000]);
        cache.Add(free, new byte[2_000]);
        await using var agentOfThisServer = await SegmentServer.StartAsync(cache, new UploadGate(upKbps: 20_000), IPAddress.Loopback,
            corrupt: false, SegmentSharing.For(priced: true, Server.Address), CancellationToken.None);
        await using var agentOfAnotherServer = await SegmentServer.StartAsync(cache, new UploadGate(upKbps: 20_000), IPAddress.Loopback,
            corrupt: false, SegmentSharing.For(priced: true, new Uri("http://gridstream.elsewhere.example:5080/")), CancellationToken.None);
        await using var agentOfFreeItem = await SegmentServer.StartAsync(cache, new UploadGate(upKbps: 20_000), IPAddress.Loopback,
            corrupt: false, SegmentSharing.For(priced: false, Server.Address), CancellationToken.None);
        var page = await fixture.NewPageAsync();
        await page.GotoAsync("/catalog");
        const string Read = """
            async (url) => {
              try { return String((await (await fetch(url, { credentials: 'omit' })).arrayBuffer()).byteLength); }
              catch (e) { return e.name; }
            }
            """;

        var byTheApp = await page.EvaluateAsync<string>(Read, new Uri(agentOfThisServer.Address, priced.Path).ToString());
        var byAnotherSite = await page.EvaluateAsync<string>(Read, new Uri(agentOfAnotherServer.Address, priced.Path).ToString());
        var freeCopy = await page.EvaluateAsync<string>(Read, new Uri(agentOfFreeItem.Address, free.Path).ToString());

        Assert.Equal("1000", byTheApp);
        Assert.Equal("TypeError", byAnotherSite); // the browser refuses to hand the bytes to a page of another origin
        Assert.Equal("2000", freeCopy);
        await page.Context.CloseAsync();
    }

    private async Task<string> LowestRenditionAsync(Guid item)
    {
        using var viewer = await Server.SignedUpAsync("viewer");
        var info = await viewer.GetFromJsonAsync<PlaybackInfo>($"/api/content/{item}/playback");
        return info!.Renditions[0].Name;
    }

    /// <summary>The agents have joined the page's swarm (the hub's own view); a run that failed says why.</summary>
    private async Task WaitForPeersAsync(int peers, string rendition, Task agents)
    {
        var clock = Stopwatch.StartNew();
        while (!(await SwarmsAsync(Server)).Any(view => view.ContentId == OnDemand && view.Rendition == rendition && view.Peers >= peers))
        {
            if (agents.IsCompleted)
            {
                await agents; // throws what went wrong
                Assert.Fail("The agents stopped before joining.");
            }

            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(60), "The agents never joined the page's swarm.");
            await Task.Delay(200);
        }
    }

    /// <summary>The page's reports reach the hub: the swarm counts peer bytes at least as large as the page's (the agents add theirs).</summary>
    private async Task WaitForHubToCountAsync(string rendition, long pagePeerBytes)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var swarm = (await SwarmsAsync(Server)).FirstOrDefault(view => view.ContentId == OnDemand && view.Rendition == rendition);
            if (swarm is { Peers: Agents + 1 } && swarm.PeerBytes >= pagePeerBytes)
            {
                Assert.Equal(0, swarm.Stalls);
                return;
            }

            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"The hub never counted the page's peer bytes; last seen: {swarm}");
            await Task.Delay(250);
        }
    }
}
