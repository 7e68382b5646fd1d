using System.Net;
using System.Net.Http.Json;
using GridStream.Server.Tests.Infrastructure;
using Npgsql;

namespace GridStream.Server.Tests;

/// <summary>The manifest reader against a real HTTP origin: what it stores, how it fails, and that it repeats cleanly.</summary>
public sealed class ManifestReaderTests(ServerFixture fixture, TestOrigin origin) : IClassFixture<ServerFixture>, IClassFixture<TestOrigin>
{
    private GridStreamFactory Server => fixture.Server;

    /// <summary>A two-rendition on-demand stream; only the "hd" rendition publishes a hash sidecar.</summary>
    private Dictionary<string, string> PublishVod(string folder)
    {
        var hashes = new Dictionary<string, string>();
        origin.Put($"{folder}/master.m3u8", """
            #EXTM3U
            #EXT-X-STREAM-INF:BANDWIDTH=300000,RESOLUTION=426x240
            low/index.m3u8
            #EXT-X-STREAM-INF:BANDWIDTH=900000,RESOLUTION=1280x720,NAME="hd"
            hd/index.m3u8
            """);
        foreach (var rendition in new[] { "low", "hd" })
        {
            var files = Enumerable.Range(0, 3).Select(i => $"s{i}.ts").ToList();
            foreach (var file in files)
            {
                hashes[$"{rendition}/{file}"] = origin.PutSegment($"{folder}/{rendition}/{file}");
            }

            origin.Put($"{folder}/{rendition}/index.m3u8", TestOrigin.MediaPlaylist(0, files, ended: true, targetDuration: 2));
        }

        origin.Put($"{folder}/hd/segments-sha256.json",
            "{" + string.Join(",", Enumerable.Range(0, 3).Select(i => $"\"s{i}.ts\":\"{hashes[$"hd/s{i}.ts"].ToUpperInvariant()}\"")) + "}");
        return hashes;
    }

    [Fact]
    public async Task A_registered_master_playlist_becomes_renditions_with_hashed_segments()
    {
        var folder = "vod-" + Guid.NewGuid().ToString("N")[..8];
        var hashes = PublishVod(folder);
        using var owner = await Server.SignedUpAsync("owner");

        var id = await Manifests.RegisterAsync(owner, origin.Url($"{folder}/master.m3u8"));
        var view = await WaitAsync(owner, id);

        Assert.Equal("Ready", view.ManifestState);
        Assert.Null(view.ManifestError);
        Assert.Equal(["426x240", "hd"], view.Renditions.Select(r => r.Name));
        Assert.Equal([300_000L, 900_000], view.Renditions.Select(r => r.Bandwidth));
        Assert.Equal("1280x720", view.Renditions[1].Resolution);
        Assert.All(view.Renditions, r => Assert.Equal(3, r.SegmentCount));

        foreach (var (name, folderName) in new[] { ("426x240", "low"), ("hd", "hd") })
        {
            var page = await Manifests.SegmentsAsync(owner, id, name);
            Assert.Equal([0L, 1, 2], page.Segments.Select(s => s.Sequence));
            Assert.All(page.Segments, s => Assert.Equal(2_000, s.DurationMs));
            Assert.Equal(
                Enumerable.Range(0, 3).Select(i => hashes[$"{folderName}/s{i}.ts"]),
                page.Segments.Select(s => s.Sha256));
            Assert.Equal(origin.Url($"{folder}/{folderName}/s1.ts").AbsoluteUri, page.Segments[1].Url);
        }

        // The sidecar spared the origin the "hd" segment downloads; the "low" ones had to be fetched once each.
        Assert.Equal(0, origin.RequestsFor($"{folder}/hd/s0.ts"));
        Assert.Equal(1, origin.RequestsFor($"{folder}/low/s0.ts"));
    }

    [Fact]
    public async Task A_media_playlist_url_makes_a_single_rendition()
    {
        var folder = "media-" + Guid.NewGuid().ToString("N")[..8];
        var hash = origin.PutSegment($"{folder}/only.ts");
        origin.Put($"{folder}/index.m3u8", TestOrigin.MediaPlaylist(7, ["only.ts"], ended: true));
        using var owner = await Server.SignedUpAsync("owner");

        var id = await Manifests.RegisterAsync(owner, origin.Url($"{folder}/index.m3u8"));
        var view = await WaitAsync(owner, id);

        var rendition = Assert.Single(view.Renditions);
        Assert.Equal(("Ready", "v0", 1), (view.ManifestState, rendition.Name, rendition.SegmentCount));
        var segment = Assert.Single((await Manifests.SegmentsAsync(owner, id, "v0")).Segments);
        Assert.Equal((7L, hash), (segment.Sequence, segment.Sha256));
    }

    [Fact]
    public async Task Reading_again_after_a_url_change_does_not_duplicate_rows()
    {
        var folder = "again-" + Guid.NewGuid().ToString("N")[..8];
        PublishVod(folder);
        using var owner = await Server.SignedUpAsync("owner");
        var id = await Manifests.RegisterAsync(owner, origin.Url($"{folder}/master.m3u8"));
        await WaitAsync(owner, id);

        // The same stream under another URL (a CDN token), then back: each change is read in full again.
        foreach (var url in new[] { origin.Url($"{folder}/master.m3u8?token=2"), origin.Url($"{folder}/master.m3u8") })
        {
            var put = await owner.PutAsJsonAsync($"/api/content/{id}", new { title = "Again", masterPlaylistUrl = url.AbsoluteUri, priceMicroCredits = 0 });
            Assert.Equal("Pending", (await put.Content.ReadFromJsonAsync<Manifests.OwnedView>())!.ManifestState);
            await WaitAsync(owner, id, view => view.MasterPlaylistUrl == url.AbsoluteUri);
        }

        var final = await WaitAsync(owner, id);
        Assert.Equal("Ready", final.ManifestState);
        Assert.Equal((2L, 6L), (await CountAsync("renditions", id), await CountAsync("manifest_segments", id)));
    }

    public static TheoryData<string, string> Failures => new()
    {
        // what the origin serves at master.m3u8 (a playlist's text, or a case named below), what the owner is told
        { "nothing", "the origin answered 404 for {master}" },
        { "#EXTM3U\n#EXT-X-TARGETDURATION:2\n#EXTINF:abc,\ns0.ts\n", "{master}, line 3:" },
        { "oversized", "is larger than 8 MiB" },
        { "oversized without a length", "is larger than 8 MiB" },
        { "second rendition missing", "the origin answered 404 for {folder}/gone/index.m3u8" },
        { "broken sidecar", "{folder}/segments-sha256.json: The segment hash sidecar is not valid JSON" },
    };

    [Theory]
    [MemberData(nameof(Failures))]
    public async Task A_playlist_that_cannot_be_read_fails_with_a_clear_message_and_stores_nothing(string served, string expected)
    {
        var folder = "fail-" + Guid.NewGuid().ToString("N")[..8];
        var master = origin.Url($"{folder}/master.m3u8");
        switch (served)
        {
            case "nothing":
                break;
            case "oversized":
                origin.Put($"{folder}/master.m3u8", "#EXTM3U\n" + new string('#', 9 * 1024 * 1024));
                break;
            case "oversized without a length":
                origin.PutWithoutLength($"{folder}/master.m3u8", "#EXTM3U\n" + new string('#', 9 * 1024 * 1024));
                break;
            case "second rendition missing":
                origin.PutSegment($"{folder}/ok/s0.ts");
                origin.Put($"{folder}/ok/index.m3u8", TestOrigin.MediaPlaylist(0, ["s0.ts"], ended: true));
                origin.Put($"{folder}/master.m3u8", "#EXTM3U\n#EXT-X-STREAM-INF:BANDWIDTH=1\nok/index.m3u8\n#EXT-X-STREAM-INF:BANDWIDTH=2\ngone/index.m3u8\n");
                break;
            case "broken sidecar":
                origin.PutSegment($"{folder}/s0.ts");
                origin.Put($"{folder}/master.m3u8", TestOrigin.MediaPlaylist(0, ["s0.ts"], ended: true));
                origin.Put($"{folder}/segments-sha256.json", "{\"s0.ts\": ");
                break;
            default:
                origin.Put($"{folder}/master.m3u8", served);
                break;
        }

        using var owner = await Server.SignedUpAsync("owner");
        var id = await Manifests.RegisterAsync(owner, master);
        var view = await WaitAsync(owner, id);

        Assert.Equal("Failed", view.ManifestState);
        Assert.Contains(expected.Replace("{master}", master.AbsoluteUri).Replace("{folder}", origin.Url(folder).AbsoluteUri), view.ManifestError);
        Assert.Empty(view.Renditions);
        Assert.Equal((0L, 0L), (await CountAsync("renditions", id), await CountAsync("manifest_segments", id)));
    }

    [Fact]
    public async Task Saving_a_failed_item_again_retries_the_read()
    {
        var folder = "retry-" + Guid.NewGuid().ToString("N")[..8];
        var master = origin.Url($"{folder}/master.m3u8");
        using var owner = await Server.SignedUpAsync("owner");
        var id = await Manifests.RegisterAsync(owner, master);
        Assert.Equal("Failed", (await WaitAsync(owner, id)).ManifestState);

        PublishVod(folder);
        var put = await owner.PutAsJsonAsync($"/api/content/{id}", new { title = "Fixed", masterPlaylistUrl = master.AbsoluteUri, priceMicroCredits = 0 });
        put.EnsureSuccessStatusCode();
        var view = await WaitAsync(owner, id);

        Assert.Equal(("Ready", 2), (view.ManifestState, view.Renditions.Length));
    }

    [Fact]
    public async Task A_live_playlist_gains_segments_until_it_ends()
    {
        var folder = "live-" + Guid.NewGuid().ToString("N")[..8];
        var files = new List<string>();
        var hashes = new List<string>();
        void Publish(int count, bool ended)
        {
            while (files.Count < count)
            {
                files.Add($"seg{files.Count}.ts");
                hashes.Add(origin.PutSegment($"{folder}/{files[^1]}"));
            }

            // A sliding window of the three newest segments.
            var window = files.Skip(Math.Max(0, files.Count - 3)).ToList();
            origin.Put($"{folder}/live.m3u8", TestOrigin.MediaPlaylist(files.Count - window.Count, window, ended));
        }

        Publish(3, ended: false);
        using var owner = await Server.SignedUpAsync("owner");
        var id = await Manifests.RegisterAsync(owner, origin.Url($"{folder}/live.m3u8"), live: true);
        var first = await WaitAsync(owner, id);
        Assert.Equal(("Ready", true, false), (first.ManifestState, first.Renditions[0].Live, first.Renditions[0].Ended));

        Publish(5, ended: false);
        await WaitAsync(owner, id, view => view.Renditions[0].SegmentCount == 5, seconds: 20);
        Publish(7, ended: true);
        var ended = await WaitAsync(owner, id, view => view.Renditions[0].Ended, seconds: 20);

        Assert.Equal(7, ended.Renditions[0].SegmentCount);
        var page = await Manifests.SegmentsAsync(owner, id, "v0");
        Assert.True(page.Ended);
        Assert.Equal(Enumerable.Range(0, 7).Select(i => (long)i), page.Segments.Select(s => s.Sequence));
        Assert.Equal(hashes, page.Segments.Select(s => s.Sha256));
    }

    [Fact]
    public async Task Segments_are_paged_public_for_published_items_and_private_otherwise()
    {
        var folder = "pages-" + Guid.NewGuid().ToString("N")[..8];
        var files = Enumerable.Range(0, 5).Select(i => $"p{i}.ts").ToList();
        files.ForEach(file => origin.PutSegment($"{folder}/{file}"));
        origin.Put($"{folder}/index.m3u8", TestOrigin.MediaPlaylist(100, files, ended: true));
        using var owner = await Server.SignedUpAsync("owner");
        var published = await Manifests.RegisterAsync(owner, origin.Url($"{folder}/index.m3u8"));
        var draft = await Manifests.RegisterAsync(owner, origin.Url($"{folder}/index.m3u8"), published: false);
        await WaitAsync(owner, published);
        await WaitAsync(owner, draft);
        using var anyone = Server.Anonymous();

        var page = await Manifests.SegmentsAsync(anyone, published, "v0", from: 102, count: 2);
        Assert.Equal([102L, 103], page.Segments.Select(s => s.Sequence));
        Assert.All(page.Segments, s => Assert.Matches("^[0-9a-f]{64}$", s.Sha256));
        Assert.Equal(5, (await Manifests.SegmentsAsync(owner, draft, "v0")).Segments.Length);
        await Problems.ReadAsync(await anyone.GetAsync($"/api/content/{draft}/segments?rendition=v0"), HttpStatusCode.NotFound);
        await Problems.ReadAsync(await anyone.GetAsync($"/api/content/{published}/segments?rendition=nope"), HttpStatusCode.NotFound);
        var tooMany = await Problems.ReadValidationAsync(await anyone.GetAsync($"/api/content/{published}/segments?rendition=v0&count=501"));
        Assert.Equal(["count"], tooMany.Errors.Keys);
        var noRendition = await Problems.ReadValidationAsync(await anyone.GetAsync($"/api/content/{published}/segments"));
        Assert.Equal(["rendition"], noRendition.Errors.Keys);
    }

    private Task<Manifests.OwnedView> WaitAsync(HttpClient owner, Guid id, Func<Manifests.OwnedView, bool>? until = null, int seconds = 30) =>
        Manifests.WaitAsync(owner, id, until, seconds);

    private async Task<long> CountAsync(string table, Guid contentId)
    {
        var sql = table == "renditions"
            ? "SELECT count(*) FROM renditions WHERE \"ContentItemId\" = $1"
            : "SELECT count(*) FROM manifest_segments s JOIN renditions r ON r.\"Id\" = s.\"RenditionId\" WHERE r.\"ContentItemId\" = $1";
        await using var connection = new NpgsqlConnection(Server.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection) { Parameters = { new() { Value = contentId } } };
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
