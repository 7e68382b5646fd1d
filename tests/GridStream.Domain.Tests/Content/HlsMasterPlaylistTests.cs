using GridStream.Domain.Content;

namespace GridStream.Domain.Tests.Content;

public sealed class HlsMasterPlaylistTests
{
    private static readonly string ThreeRenditions = Playlists.Lines(
        "#EXTM3U",
        "#EXT-X-VERSION:6",
        "#EXT-X-INDEPENDENT-SEGMENTS",
        "# Packaged 2026-11-20 by the origin's packager",
        "#EXT-X-MEDIA:TYPE=AUDIO,GROUP-ID=\"aac\",NAME=\"English\",DEFAULT=YES,URI=\"audio/en.m3u8\"",
        "#EXT-X-STREAM-INF:BANDWIDTH=1280000,AVERAGE-BANDWIDTH=1000000,RESOLUTION=640x360,CODECS=\"avc1.4d401e,mp4a.40.2\",AUDIO=\"aac\"",
        "360p/index.m3u8",
        "",
        "#EXT-X-STREAM-INF:BANDWIDTH=2560000,AVERAGE-BANDWIDTH=2200000,RESOLUTION=1280x720,CODECS=\"avc1.4d401f,mp4a.40.2\",NAME=\"720p HD, main\"",
        "https://cdn2.example.net/show/720p/index.m3u8?token=abc",
        "#EXT-X-STREAM-INF:BANDWIDTH=7680000,CODECS=\"avc1.640028,mp4a.40.2\",RESOLUTION=1920x1080,FRAME-RATE=29.970",
        "/vod/other/1080p/index.m3u8");

    [Fact]
    public void A_master_playlist_lists_its_renditions_in_order()
    {
        var master = Playlists.Master(ThreeRenditions);

        Assert.Equal(Playlists.MasterUri, master.Uri);
        Assert.Equal([1_280_000L, 2_560_000L, 7_680_000L], master.Variants.Select(variant => variant.Bandwidth));
    }

    [Fact]
    public void Quoted_codecs_keep_their_commas()
    {
        var master = Playlists.Master(ThreeRenditions);

        Assert.Equal(
            ["avc1.4d401e,mp4a.40.2", "avc1.4d401f,mp4a.40.2", "avc1.640028,mp4a.40.2"],
            master.Variants.Select(variant => variant.Codecs));
    }

    [Fact]
    public void Every_attribute_of_a_variant_is_read()
    {
        var hd = Playlists.Master(ThreeRenditions).Variants[1];

        Assert.Equal(new Uri("https://cdn2.example.net/show/720p/index.m3u8?token=abc"), hd.Uri);
        Assert.Equal(2_560_000, hd.Bandwidth);
        Assert.Equal(2_200_000, hd.AverageBandwidth);
        Assert.Equal(new HlsResolution(1280, 720), hd.Resolution);
        Assert.Equal("720p HD, main", hd.Name);
    }

    [Fact]
    public void Optional_attributes_that_are_absent_are_null()
    {
        var fullHd = Playlists.Master(ThreeRenditions).Variants[2];

        Assert.Null(fullHd.AverageBandwidth);
        Assert.Null(fullHd.Name);
        Assert.Equal(new HlsResolution(1920, 1080), fullHd.Resolution);
    }

    [Fact]
    public void Rendition_uris_are_resolved_against_the_master_playlist()
    {
        var master = Playlists.Master(ThreeRenditions);

        Assert.Equal(
            [
                "https://cdn.example.com/vod/show/360p/index.m3u8",
                "https://cdn2.example.net/show/720p/index.m3u8?token=abc",
                "https://cdn.example.com/vod/other/1080p/index.m3u8",
            ],
            master.Variants.Select(variant => variant.Uri.AbsoluteUri));
    }

    [Fact]
    public void A_variant_with_only_a_bandwidth_is_enough()
    {
        var master = Playlists.Master(Playlists.Lines("#EXTM3U", "#EXT-X-STREAM-INF:BANDWIDTH=500000", "low.m3u8"));

        var only = Assert.Single(master.Variants);
        Assert.Equal(500_000, only.Bandwidth);
        Assert.Null(only.Resolution);
        Assert.Null(only.Codecs);
    }

    [Fact]
    public void The_resolution_prints_as_width_x_height() =>
        Assert.Equal("1280x720", new HlsResolution(1280, 720).ToString());
}
