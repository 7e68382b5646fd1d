using System.Globalization;
using System.Net.Http.Json;
using GridStream.Browser.Tests.Infrastructure;
using GridStream.Server.Demo;
using GridStream.Server.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static GridStream.Browser.Tests.Infrastructure.ViewerSteps;

namespace GridStream.Browser.Tests;

/// <summary>
/// Eight viewers on the live demo stream (issue 7): one group, no stalls, and at least 85 % of the segment bytes over
/// WebRTC — by the pages' own figures and by what the origin actually served while they watched.
/// </summary>
public sealed class LiveSwarmTests(BrowserFixture fixture, ITestOutputHelper output) : IClassFixture<BrowserFixture>
{
    private const int Viewers = 8;
    private const double MinimumPeerShare = 0.85;

    /// <summary>After the last page joined: hls.js fills its start buffer from the CDN, the channels open, the fetcher rotation settles.</summary>
    private static readonly TimeSpan WarmUp = TimeSpan.FromSeconds(12);

    private static readonly TimeSpan Window = TimeSpan.FromSeconds(50);

    private GridStreamFactory Server => fixture.Server;

    [Fact]
    public async Task Eight_pages_on_the_live_stream_form_one_group_play_without_stalls_and_get_most_bytes_over_webrtc()
    {
        await WaitForLiveManifestAsync();
        var pages = new List<IPage>();
        for (var i = 1; i <= Viewers; i++)
        {
            var page = await fixture.NewPageAsync();
            await SignUpAsync(page, $"live-{i:00}-sign-up");
            await page.GotoAsync($"/watch/{DemoContentSeeder.LiveItemId}");
            pages.Add(page);
        }

        // One group: every page sees the same group of eight, with a data channel to each of the seven others.
        foreach (var page in pages)
        {
            await WaitUntilPlayingAsync(page, seconds: 0.5);
            await Assertions.Expect(page.Locator("#group-size")).ToHaveTextAsync($"{Viewers}", new() { Timeout = 60_000 });
            await Assertions.Expect(page.Locator("#open-channels")).ToHaveTextAsync($"{Viewers - 1}", new() { Timeout = 60_000 });
        }

        var peerIds = await Task.WhenAll(pages.Select(page => page.Locator("#peer-id").TextContentAsync()));
        var groupIds = await Task.WhenAll(pages.Select(page => page.Locator("#group-id").TextContentAsync()));
        Assert.Single(groupIds.Distinct());
        foreach (var page in pages)
        {
            var members = await page.Locator("#group-members li").EvaluateAllAsync<string[]>("items => items.map(item => item.dataset.peer)");
            Assert.Equal(peerIds.Order(), members.Order());
        }

        var hubView = (await SwarmsAsync(Server)).Single(view => view.ContentId == DemoContentSeeder.LiveItemId);
        Assert.Equal(Viewers, hubView.Peers);
        Assert.Equal([Viewers], hubView.GroupSizes);

        await Task.Delay(WarmUp);
        var start = await FiguresAsync(pages);
        await Task.Delay(Window);
        var end = await FiguresAsync(pages);

        var peerBytes = end.PeerBytes - start.PeerBytes;
        var cdnBytes = end.CdnBytes - start.CdnBytes;
        var originBytes = end.Origin.SegmentBytes - start.Origin.SegmentBytes;
        var originRequests = end.Origin.SegmentRequests - start.Origin.SegmentRequests;
        var share = (double)peerBytes / (peerBytes + cdnBytes);
        output.WriteLine(
            $"Over {Window.TotalSeconds:0} s: {peerBytes:N0} bytes from peers, {cdnBytes:N0} from the CDN by the pages' figures (P2P share {share:P1}); " +
            $"the origin served {originRequests} segment requests, {originBytes:N0} bytes.");

        // Played on: each page's video advanced through the window, and no page (nor the hub) counted a stall.
        for (var i = 0; i < Viewers; i++)
        {
            Assert.True(end.CurrentTimes[i] - start.CurrentTimes[i] > Window.TotalSeconds * 0.8,
                $"Page {i + 1} played {end.CurrentTimes[i] - start.CurrentTimes[i]:0.0} s of the {Window.TotalSeconds:0} s window.");
            Assert.True(end.Stalls[i] == 0, $"Page {i + 1} stalled {end.Stalls[i]} times.");
        }

        Assert.True(share >= MinimumPeerShare, $"Only {share:P1} of the segment bytes came from peers.");

        // The origin saw what the pages say they fetched from it, give or take the requests in flight at either end of
        // the window and the second the pages' figures may lag.
        var averageSegment = originRequests > 0 ? originBytes / originRequests : 0;
        var tolerance = 3 * Math.Max(averageSegment, 50_000);
        Assert.InRange(originBytes, cdnBytes - tolerance, cdnBytes + tolerance);
        Assert.True(originBytes <= (1 - MinimumPeerShare) * (peerBytes + cdnBytes) + tolerance,
            $"The origin served {originBytes:N0} of {peerBytes + cdnBytes:N0} bytes the pages received.");

        var afterwards = (await SwarmsAsync(Server)).Single(view => view.ContentId == DemoContentSeeder.LiveItemId);
        Assert.Equal(0, afterwards.Stalls);
        Assert.Equal([Viewers], afterwards.GroupSizes);

        // The panel: a row per mate, each with a round trip measured over its data channel, and the chart with its text.
        var panel = pages[0];
        var roundTrips = await panel.Locator("#peer-rates tbody tr[data-open='true'] td:nth-child(4)")
            .EvaluateAllAsync<string[]>("cells => cells.map(cell => cell.dataset.value)");
        Assert.Equal(Viewers - 1, roundTrips.Length);
        Assert.All(roundTrips, rtt => Assert.True(int.TryParse(rtt, CultureInfo.InvariantCulture, out var ms) && ms is >= 0 and < 5_000, $"RTT '{rtt}'"));
        await Assertions.Expect(panel.Locator("#share-chart canvas")).ToBeVisibleAsync();
        await Assertions.Expect(panel.Locator("#chart-summary")).ToContainTextAsync("from peers");
        await Screenshots.SaveAsync(panel, "live-09-panel-with-eight-peers");
        foreach (var page in pages)
        {
            await page.Context.CloseAsync();
        }
    }

    /// <summary>The pages' own byte counts and the origin's, read together so they describe the same moment.</summary>
    private async Task<Figures> FiguresAsync(IReadOnlyList<IPage> pages)
    {
        var traffic = Server.Services.GetRequiredService<OriginTraffic>();
        var before = traffic.Of(DemoOptions.LiveStream);
        var read = await Task.WhenAll(pages.Select(page => page.EvaluateAsync<double[]>(
            """
            () => [
              Number(document.querySelector('#peer-bytes').dataset.bytes),
              Number(document.querySelector('#cdn-bytes').dataset.bytes),
              Number(document.querySelector('#stalls').textContent),
              document.querySelector('#player').currentTime,
            ]
            """)));
        var after = traffic.Of(DemoOptions.LiveStream);
        output.WriteLine($"Origin during the read: {before.SegmentRequests}→{after.SegmentRequests} requests; pages: " +
            string.Join("; ", read.Select(r => string.Format(CultureInfo.InvariantCulture, "peer {0:0} cdn {1:0} t {2:0.0}", r[0], r[1], r[3]))));
        return new Figures(
            (long)read.Sum(r => r[0]), (long)read.Sum(r => r[1]), [.. read.Select(r => (int)r[2])], [.. read.Select(r => r[3])],
            new OriginStreamTraffic(after.Stream, (before.SegmentRequests + after.SegmentRequests) / 2, (before.SegmentBytes + after.SegmentBytes) / 2));
    }

    private async Task WaitForLiveManifestAsync()
    {
        using var viewer = await Server.SignedUpAsync("viewer");
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (true)
        {
            using var response = await viewer.GetAsync($"/api/content/{DemoContentSeeder.LiveItemId}/playback");
            var info = response.IsSuccessStatusCode ? await response.Content.ReadFromJsonAsync<PlaybackInfo>() : null;
            if (info is { Renditions.Count: > 0 })
            {
                using var segments = await viewer.GetAsync(
                    $"/api/content/{DemoContentSeeder.LiveItemId}/segments?rendition={Uri.EscapeDataString(info.Renditions[0].Name)}&count=1");
                if (segments.IsSuccessStatusCode && (await segments.Content.ReadFromJsonAsync<SegmentsPage>())!.Segments.Count > 0)
                {
                    return;
                }
            }

            Assert.True(DateTime.UtcNow < deadline, "The live demo item has no readable manifest after two minutes.");
            await Task.Delay(250);
        }
    }

    private sealed record Figures(long PeerBytes, long CdnBytes, int[] Stalls, double[] CurrentTimes, OriginStreamTraffic Origin);
}
