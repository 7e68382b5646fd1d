using GridStream.Domain.Content;

namespace GridStream.Domain.Tests.Content;

public sealed class HlsMediaPlaylistTests
{
    private static readonly string[] VodLines =
    [
        "#EXTM3U",
        "#EXT-X-VERSION:3",
        "#EXT-X-TARGETDURATION:7",
        "#EXT-X-PLAYLIST-TYPE:VOD",
        "#EXTINF:6.006,",
        "seg00000.ts",
        "#EXTINF:6.006,Opening titles, part 1",
        "seg00001.ts",
        "# a comment the packager left",
        "#EXT-X-PROGRAM-DATE-TIME:2026-11-20T10:00:12.012Z",
        "#EXTINF:3.5,",
        "seg00002.ts",
        "#EXT-X-ENDLIST",
    ];

    [Fact]
    public void A_vod_playlist_lists_its_segments_with_exact_durations()
    {
        var playlist = Playlists.Media(Playlists.Lines(VodLines));

        Assert.Equal(7, playlist.TargetDurationSeconds);
        Assert.Equal(HlsPlaylistType.Vod, playlist.PlaylistType);
        Assert.Equal([6006, 6006, 3500], playlist.Segments.Select(segment => segment.DurationMilliseconds));
        Assert.Equal(15_512, playlist.TotalDurationMilliseconds);
    }

    [Fact]
    public void Without_a_media_sequence_tag_numbering_starts_at_zero()
    {
        var playlist = Playlists.Media(Playlists.Lines(VodLines));

        Assert.Equal(0, playlist.MediaSequence);
        Assert.Equal([0L, 1L, 2L], playlist.Segments.Select(segment => segment.MediaSequenceNumber));
    }

    [Fact]
    public void A_playlist_with_an_end_list_is_complete_and_not_live()
    {
        var playlist = Playlists.Media(Playlists.Lines(VodLines));

        Assert.True(playlist.HasEndList);
        Assert.False(playlist.IsLive);
    }

    [Fact]
    public void Segment_titles_are_optional_and_may_contain_commas()
    {
        var playlist = Playlists.Media(Playlists.Lines(VodLines));

        Assert.Equal([null, "Opening titles, part 1", null], playlist.Segments.Select(segment => segment.Title));
    }

    [Fact]
    public void Segment_uris_are_resolved_against_the_playlist()
    {
        var playlist = Playlists.Media(Playlists.Lines(VodLines));

        Assert.Equal(
            new Uri("https://cdn.example.com/vod/show/720p/seg00001.ts"),
            playlist.Segments[1].Uri);
    }

    [Fact]
    public void A_live_playlist_numbers_segments_from_its_media_sequence()
    {
        var playlist = Playlists.Media(
            Playlists.Lines(
                "#EXTM3U",
                "#EXT-X-TARGETDURATION:2",
                "#EXT-X-MEDIA-SEQUENCE:2680",
                "#EXTINF:2.000,",
                "seg02680.ts",
                "#EXTINF:2.000,",
                "seg02681.ts"),
            Playlists.LiveUri);

        Assert.True(playlist.IsLive);
        Assert.False(playlist.HasEndList);
        Assert.Null(playlist.PlaylistType);
        Assert.Equal(2680, playlist.MediaSequence);
        Assert.Equal([2680L, 2681L], playlist.Segments.Select(segment => segment.MediaSequenceNumber));
    }

    [Fact]
    public void An_event_playlist_without_an_end_list_is_live()
    {
        var playlist = Playlists.Media(
            Playlists.Lines("#EXTM3U", "#EXT-X-TARGETDURATION:6", "#EXT-X-PLAYLIST-TYPE:EVENT", "#EXTINF:6,", "a.ts"));

        Assert.Equal(HlsPlaylistType.Event, playlist.PlaylistType);
        Assert.True(playlist.IsLive);
    }

    [Fact]
    public void A_vod_playlist_is_not_live_even_without_an_end_list()
    {
        var playlist = Playlists.Media(
            Playlists.Lines("#EXTM3U", "#EXT-X-TARGETDURATION:6", "#EXT-X-PLAYLIST-TYPE:VOD", "#EXTINF:6,", "a.ts"));

        Assert.False(playlist.HasEndList);
        Assert.False(playlist.IsLive);
    }

    [Fact]
    public void A_live_playlist_may_list_no_segments_yet()
    {
        var playlist = Playlists.Media(Playlists.Lines("#EXTM3U", "#EXT-X-TARGETDURATION:4", "#EXT-X-MEDIA-SEQUENCE:17"));

        Assert.Empty(playlist.Segments);
        Assert.Equal(17, playlist.MediaSequence);
        Assert.Equal(0, playlist.TotalDurationMilliseconds);
    }

    [Fact]
    public void A_discontinuity_is_flagged_on_the_segment_after_it_only()
    {
        var playlist = Playlists.Media(Playlists.Lines(
            "#EXTM3U",
            "#EXT-X-TARGETDURATION:6",
            "#EXT-X-MEDIA-SEQUENCE:40",
            "#EXTINF:6.0,",
            "programme-40.ts",
            "#EXT-X-DISCONTINUITY",
            "#EXTINF:5.0,Advert",
            "advert-1.ts",
            "#EXTINF:5.0,Advert",
            "advert-2.ts",
            "#EXTINF:6.0,",
            "#EXT-X-DISCONTINUITY",
            "programme-43.ts"));

        Assert.Equal([false, true, false, true], playlist.Segments.Select(segment => segment.FollowsDiscontinuity));
        Assert.Equal([40L, 41L, 42L, 43L], playlist.Segments.Select(segment => segment.MediaSequenceNumber));
    }

    [Fact]
    public void An_initialization_segment_applies_until_the_next_map()
    {
        var playlist = Playlists.Media(Playlists.Lines(
            "#EXTM3U",
            "#EXT-X-VERSION:7",
            "#EXT-X-TARGETDURATION:4",
            "#EXTINF:4,",
            "no-map.m4s",
            "#EXT-X-MAP:URI=\"init-main.mp4\"",
            "#EXTINF:4,",
            "main-1.m4s",
            "#EXTINF:4,",
            "main-2.m4s",
            "#EXT-X-DISCONTINUITY",
            "#EXT-X-MAP:URI=\"https://ads.example.org/init-ad.mp4\",BYTERANGE=\"720@0\"",
            "#EXTINF:4,",
            "https://ads.example.org/ad-1.m4s"));

        Assert.Equal(
            [
                null,
                "https://cdn.example.com/vod/show/720p/init-main.mp4",
                "https://cdn.example.com/vod/show/720p/init-main.mp4",
                "https://ads.example.org/init-ad.mp4",
            ],
            playlist.Segments.Select(segment => segment.InitializationSegmentUri?.AbsoluteUri));
    }

    [Theory]
    [InlineData("seg1.ts", "https://cdn.example.com/vod/show/720p/seg1.ts")]
    [InlineData("low/seg1.ts", "https://cdn.example.com/vod/show/720p/low/seg1.ts")]
    [InlineData("../1080p/seg1.ts", "https://cdn.example.com/vod/show/1080p/seg1.ts")]
    [InlineData("/archive/seg1.ts", "https://cdn.example.com/archive/seg1.ts")]
    [InlineData("//edge3.example.net/show/seg1.ts", "https://edge3.example.net/show/seg1.ts")]
    [InlineData("http://other.example.org/seg1.ts?sig=a%2Cb", "http://other.example.org/seg1.ts?sig=a%2Cb")]
    [InlineData("seg1.ts?token=abc", "https://cdn.example.com/vod/show/720p/seg1.ts?token=abc")]
    public void Relative_and_absolute_segment_uris_become_absolute(string written, string expected)
    {
        var playlist = Playlists.Media(Playlists.Lines("#EXTM3U", "#EXT-X-TARGETDURATION:6", "#EXTINF:6,", written));

        Assert.Equal(expected, Assert.Single(playlist.Segments).Uri.AbsoluteUri);
    }

    [Fact]
    public void A_file_playlist_may_name_file_segments()
    {
        var playlist = Playlists.Media(
            Playlists.Lines("#EXTM3U", "#EXT-X-TARGETDURATION:6", "#EXTINF:6,", "seg1.ts"),
            new Uri("file:///srv/content/show/720p/index.m3u8"));

        Assert.Equal("file:///srv/content/show/720p/seg1.ts", Assert.Single(playlist.Segments).Uri.AbsoluteUri);
    }

    [Fact]
    public void Crlf_line_endings_read_the_same_as_lf()
    {
        var withLf = Playlists.Media(Playlists.Lines(VodLines));
        var withCrLf = Playlists.Media(string.Join("\r\n", VodLines) + "\r\n");

        Assert.Equal(withLf.Segments, withCrLf.Segments);
        Assert.Equal("seg00002.ts", withCrLf.Segments[2].FileName);
        Assert.True(withCrLf.HasEndList);
    }

    [Fact]
    public void A_byte_order_mark_before_the_header_is_skipped()
    {
        var playlist = Playlists.Media("\uFEFF" + string.Join("\r\n", VodLines));

        Assert.Equal(3, playlist.Segments.Count);
        Assert.Equal(HlsPlaylistType.Vod, playlist.PlaylistType);
    }

    [Fact]
    public void A_missing_final_newline_loses_nothing()
    {
        var playlist = Playlists.Media(string.Join('\n', VodLines[..^1]));

        Assert.Equal("seg00002.ts", playlist.Segments[^1].FileName);
        Assert.False(playlist.HasEndList);
    }

    [Fact]
    public void Unknown_tags_and_comments_are_ignored()
    {
        var playlist = Playlists.Media(Playlists.Lines(
            "#EXTM3U",
            "#EXT-X-TARGETDURATION:6",
            "#EXT-X-KEY:METHOD=AES-128,URI=\"key.bin\"",
            "#EXT-X-CUE-OUT:30",
            "#EXT-X-SOMETHING-NEW:WHATEVER=1",
            "## comment",
            "#EXTINF:6,",
            "#EXT-X-BITRATE:1500",
            "a.ts"));

        var segment = Assert.Single(playlist.Segments);
        Assert.Equal("https://cdn.example.com/vod/show/720p/a.ts", segment.Uri.AbsoluteUri);
    }

    [Fact]
    public void The_segment_file_name_is_the_unescaped_last_path_component_without_query() =>
        Assert.Equal(
            "seg 00001.ts",
            HlsSegment.FileNameOf(new Uri("https://cdn.example.com/show/720p/seg%2000001.ts?token=a/b")));
}
