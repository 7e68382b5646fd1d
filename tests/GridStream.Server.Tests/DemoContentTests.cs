using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using GridStream.Server.Tests.Infrastructure;

namespace GridStream.Server.Tests;

/// <summary>The demo content: ffmpeg-made media on the server's own origin, seeded as an on-demand and a live item.</summary>
public sealed class DemoContentTests(DemoServerFixture fixture) : IClassFixture<DemoServerFixture>
{
    private static readonly Guid OnDemand = Guid.Parse("0d3e0000-0000-4000-8000-000000000001");
    private static readonly Guid Live = Guid.Parse("0d3e0000-0000-4000-8000-000000000002");

    private GridStreamFactory Server => fixture.Server;

    [Fact]
    public async Task The_demo_items_are_in_the_catalog_and_their_manifests_match_the_served_bytes()
    {
        using var anyone = Server.Anonymous();
        var onDemand = await WaitForSegmentsAsync(anyone, OnDemand, "426x240", atLeast: 30);
        var catalog = await anyone.GetFromJsonAsync<CatalogPage>("/api/content");
        Assert.Contains(catalog!.Items, item => item.Id == OnDemand && !item.Live);
        Assert.Contains(catalog.Items, item => item.Id == Live && item.Live);

        Assert.False(onDemand.Live);
        Assert.Equal(30, onDemand.Segments.Length); // 60 s in 2-second segments
        Assert.All(onDemand.Segments, s => Assert.Equal(2_000, s.DurationMs));
        foreach (var segment in onDemand.Segments.Where(s => s.Sequence % 7 == 0))
        {
            Assert.StartsWith(Server.Address.GetLeftPart(UriPartial.Authority) + "/origin/demo/", segment.Url);
            using var response = await anyone.GetAsync(segment.Url);
            Assert.Equal("video/mp2t", response.Content.Headers.ContentType?.MediaType);
            Assert.Equal(segment.Sha256, Convert.ToHexStringLower(SHA256.HashData(await response.Content.ReadAsByteArrayAsync())));
        }

        var larger = await Manifests.SegmentsAsync(anyone, OnDemand, "640x360");
        Assert.Equal(30, larger.Segments.Length);
    }

    [Fact]
    public async Task The_live_demo_advances_in_real_time_over_the_same_segments()
    {
        using var anyone = Server.Anonymous();
        var first = await WaitForSegmentsAsync(anyone, Live, "640x360", atLeast: 1);
        var newestAtFirst = first.Segments[^1].Sequence;
        var expectedNewest = (long)((DateTimeOffset.UtcNow - new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero)).TotalSeconds / 2) - 1;
        Assert.InRange(newestAtFirst, expectedNewest - 15, expectedNewest + 1);
        Assert.True(first.Live);

        var later = await WaitForSegmentsAsync(anyone, Live, "640x360", atLeast: 1, until: page => page.Segments[^1].Sequence > newestAtFirst + 1);

        var added = later.Segments.Where(s => s.Sequence > newestAtFirst).ToList();
        Assert.NotEmpty(added);
        // The live stream loops the on-demand segments, so each live segment's hash is one of the on-demand hashes.
        var onDemandHashes = (await WaitForSegmentsAsync(anyone, OnDemand, "640x360", atLeast: 30)).Segments.Select(s => s.Sha256).ToHashSet();
        Assert.All(added, s => Assert.Contains(s.Sha256, onDemandHashes));
        using var playlist = await anyone.GetAsync("/origin/demo-live/360p/index.m3u8");
        Assert.Equal("application/vnd.apple.mpegurl", playlist.Content.Headers.ContentType?.MediaType);
        Assert.DoesNotContain("#EXT-X-ENDLIST", await playlist.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_origin_serves_playlists_with_their_content_type()
    {
        using var anyone = Server.Anonymous();
        await WaitForSegmentsAsync(anyone, OnDemand, "426x240", atLeast: 30);

        using var master = await anyone.GetAsync("/origin/demo/master.m3u8");
        Assert.Equal(HttpStatusCode.OK, master.StatusCode);
        Assert.Equal("application/vnd.apple.mpegurl", master.Content.Headers.ContentType?.MediaType);
        Assert.Contains("RESOLUTION=640x360", await master.Content.ReadAsStringAsync());
        using var sidecar = await anyone.GetAsync("/origin/demo/240p/segments-sha256.json");
        Assert.Equal("application/json", sidecar.Content.Headers.ContentType?.MediaType);
        await Problems.ReadAsync(await anyone.GetAsync("/origin/demo/240p/seg999.ts"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task The_origin_counts_the_segment_requests_and_bytes_it_serves_per_stream()
    {
        using var anyone = Server.Anonymous();
        using var admin = await Server.AdminAsync();
        await WaitForSegmentsAsync(anyone, OnDemand, "426x240", atLeast: 30);
        var before = await TrafficAsync(admin, "demo-live");
        var onDemandBefore = await TrafficAsync(admin, "demo");

        using var live = await anyone.GetAsync("/origin/demo-live/240p/seg001.ts");
        var whole = await live.Content.ReadAsByteArrayAsync();
        Assert.True(live.Headers.CacheControl?.NoStore, "the looped live demo repeats its URLs, so its segments are not to be cached");
        using var ranged = new HttpRequestMessage(HttpMethod.Get, "/origin/demo-live/240p/seg002.ts") { Headers = { Range = new(0, 99) } };
        using var part = await anyone.SendAsync(ranged);
        Assert.Equal(HttpStatusCode.PartialContent, part.StatusCode);
        Assert.Equal(100, (await part.Content.ReadAsByteArrayAsync()).Length);
        // Not segments, or not sent: a playlist, a sidecar, a HEAD and a missing file are not counted.
        (await anyone.GetAsync("/origin/demo-live/240p/index.m3u8")).Dispose();
        (await anyone.GetAsync("/origin/demo-live/240p/segments-sha256.json")).Dispose();
        (await anyone.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/origin/demo-live/240p/seg003.ts"))).Dispose();
        (await anyone.GetAsync("/origin/demo-live/240p/seg999.ts")).Dispose();

        var after = await TrafficAsync(admin, "demo-live");
        Assert.Equal(before.SegmentRequests + 2, after.SegmentRequests);
        Assert.Equal(before.SegmentBytes + whole.Length + 100, after.SegmentBytes);
        Assert.Equal(onDemandBefore, await TrafficAsync(admin, "demo")); // counted per stream
        using var refused = await anyone.GetAsync("/api/origin/traffic");
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
    }

    [Theory]
    [InlineData(null, null, 1000)]
    [InlineData(0L, 99L, 100)]
    [InlineData(900L, 5000L, 100)]
    [InlineData(990L, null, 10)]
    [InlineData(null, 30L, 30)]
    [InlineData(2000L, null, 0)]
    public void Bytes_sent_follow_the_range_the_file_sender_answers(long? from, long? to, long expected)
    {
        var range = from is null && to is null ? null : new Microsoft.Net.Http.Headers.RangeHeaderValue(from, to);

        Assert.Equal(expected, GridStream.Server.Demo.OriginTraffic.BytesSent(1000, range));
    }

    private static async Task<OriginCount> TrafficAsync(HttpClient admin, string stream) =>
        (await admin.GetFromJsonAsync<OriginCount[]>("/api/origin/traffic"))!.SingleOrDefault(t => t.Stream == stream) ?? new OriginCount(stream, 0, 0);

    private sealed record OriginCount(string Stream, long SegmentRequests, long SegmentBytes);

    [Theory]
    [InlineData("/origin/demo/..%2F..%2F..%2Fetc%2Fpasswd")]
    [InlineData("/origin/demo/%2e%2e/%2e%2e/%2e%2e/etc/passwd")]
    [InlineData("/origin/..%2F..%2Fetc/passwd")]
    [InlineData("/origin/demo/240p/..%2F..%2Fmaster.m3u8")]
    [InlineData("/origin/demo/.complete")]
    [InlineData("/origin/demo/240p/seg000.ts%00.m3u8")]
    [InlineData("/origin/demo/240p%5C..%5Cmaster.m3u8")]
    public async Task Paths_that_try_to_leave_the_media_folder_are_refused(string path)
    {
        using var anyone = Server.Anonymous();
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(Server.Address, new Uri(path, UriKind.Relative)));

        using var response = await anyone.SendAsync(request);

        Assert.True(response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.NotFound, $"{path} answered {response.StatusCode}");
    }

    private static async Task<Manifests.SegmentPage> WaitForSegmentsAsync(
        HttpClient client, Guid id, string rendition, int atLeast, Func<Manifests.SegmentPage, bool>? until = null)
    {
        // The first run of a build generates the media with ffmpeg (a few seconds) before the reader can start.
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (true)
        {
            using var response = await client.GetAsync($"/api/content/{id}/segments?rendition={rendition}&from=0&count=500");
            if (response.IsSuccessStatusCode)
            {
                var page = (await response.Content.ReadFromJsonAsync<Manifests.SegmentPage>())!;
                if (page.Segments.Length >= atLeast && (until is null || until(page)))
                {
                    return page;
                }
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new Xunit.Sdk.XunitException($"{id}/{rendition}: no {atLeast} segments in time (last answer {response.StatusCode}).");
            }

            await Task.Delay(250);
        }
    }

    private sealed record CatalogPage(CatalogEntry[] Items);

    private sealed record CatalogEntry(Guid Id, string Title, bool Live);
}
