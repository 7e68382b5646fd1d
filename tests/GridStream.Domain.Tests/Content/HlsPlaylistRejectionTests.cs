using GridStream.Domain.Content;

namespace GridStream.Domain.Tests.Content;

public sealed class HlsPlaylistRejectionTests
{
    private const string Header = "#EXTM3U";
    private const string TargetDuration = "#EXT-X-TARGETDURATION:6";

    [Theory]
    [InlineData("")]
    [InlineData("\n#EXTM3U\n")]
    [InlineData("#EXT-X-TARGETDURATION:6\n#EXTINF:6,\na.ts\n")]
    [InlineData("<html><body>404 Not Found</body></html>")]
    [InlineData("#EXTM3U8\n")]
    public void Text_that_does_not_start_with_the_header_is_rejected_at_line_1(string text)
    {
        var error = Playlists.Rejection(text);

        Assert.Equal(1, error.LineNumber);
        Assert.Contains("#EXTM3U", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_extinf_followed_by_another_extinf_is_rejected_at_the_first()
    {
        var error = Playlists.Rejection(Playlists.Lines(Header, TargetDuration, "#EXTINF:6,", "#EXTINF:6,", "b.ts"));

        Assert.Equal(3, error.LineNumber);
        Assert.Contains("line 3", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_extinf_at_the_end_of_the_playlist_is_rejected()
    {
        var error = Playlists.Rejection(Playlists.Lines(Header, TargetDuration, "#EXTINF:6,", "a.ts", "#EXTINF:6,", "#EXT-X-ENDLIST"));

        Assert.Equal(5, error.LineNumber);
    }

    [Fact]
    public void A_segment_uri_without_an_extinf_is_rejected()
    {
        var error = Playlists.Rejection(Playlists.Lines(Header, TargetDuration, "#EXTINF:6,", "a.ts", "b.ts"));

        Assert.Equal(5, error.LineNumber);
    }

    [Theory]
    [InlineData("-6.0")]
    [InlineData("-0")]
    [InlineData("six")]
    [InlineData("")]
    [InlineData("6.0.1")]
    [InlineData("+6")]
    [InlineData("1e3")]
    [InlineData("NaN")]
    [InlineData("6 s")]
    [InlineData(".")]
    [InlineData("9999999999")]
    [InlineData("2147483.648")]
    public void Negative_non_numeric_and_absurd_durations_are_rejected(string written)
    {
        var error = Playlists.Rejection(Playlists.Lines(Header, TargetDuration, $"#EXTINF:{written},", "a.ts"));

        Assert.Equal(3, error.LineNumber);
        Assert.Contains("#EXTINF duration", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_negative_duration_is_called_negative()
    {
        var error = Playlists.Rejection(Playlists.Lines(Header, TargetDuration, "#EXTINF:-2.5,", "a.ts"));

        Assert.Contains("negative", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("#EXT-X-TARGETDURATION:six")]
    [InlineData("#EXT-X-TARGETDURATION:-6")]
    [InlineData("#EXT-X-TARGETDURATION:6.5")]
    [InlineData("#EXT-X-TARGETDURATION:")]
    [InlineData("#EXT-X-MEDIA-SEQUENCE:-1")]
    [InlineData("#EXT-X-MEDIA-SEQUENCE:99999999999999999999")]
    [InlineData("#EXT-X-PLAYLIST-TYPE:LIVE")]
    [InlineData("#EXT-X-MAP:BYTERANGE=\"720@0\"")]
    [InlineData("#EXT-X-MAP:URI=init.mp4")]
    public void Malformed_media_playlist_tags_are_rejected_on_their_line(string tag)
    {
        var text = tag.StartsWith("#EXT-X-TARGETDURATION", StringComparison.Ordinal)
            ? Playlists.Lines(Header, tag, "#EXTINF:6,", "a.ts")
            : Playlists.Lines(Header, TargetDuration, tag, "#EXTINF:6,", "a.ts");
        var expectedLine = tag.StartsWith("#EXT-X-TARGETDURATION", StringComparison.Ordinal) ? 2 : 3;

        Assert.Equal(expectedLine, Playlists.Rejection(text).LineNumber);
    }

    [Fact]
    public void A_media_playlist_without_a_target_duration_is_rejected()
    {
        var error = Playlists.Rejection(Playlists.Lines(Header, "#EXTINF:6,", "a.ts"));

        Assert.Null(error.LineNumber);
        Assert.Contains("#EXT-X-TARGETDURATION", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_media_sequence_after_the_first_segment_is_rejected()
    {
        var error = Playlists.Rejection(Playlists.Lines(Header, TargetDuration, "#EXTINF:6,", "a.ts", "#EXT-X-MEDIA-SEQUENCE:10"));

        Assert.Equal(5, error.LineNumber);
    }

    [Fact]
    public void A_repeated_target_duration_is_rejected()
    {
        var error = Playlists.Rejection(Playlists.Lines(Header, TargetDuration, "#EXT-X-TARGETDURATION:10"));

        Assert.Equal(3, error.LineNumber);
    }

    [Fact]
    public void A_variant_without_bandwidth_is_rejected()
    {
        var error = Playlists.Rejection(Playlists.Lines(
            Header,
            "#EXT-X-STREAM-INF:BANDWIDTH=800000",
            "low.m3u8",
            "#EXT-X-STREAM-INF:AVERAGE-BANDWIDTH=1000000,RESOLUTION=1280x720,CODECS=\"avc1.4d401f,mp4a.40.2\"",
            "high.m3u8"));

        Assert.Equal(4, error.LineNumber);
        Assert.Contains("BANDWIDTH", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("BANDWIDTH=fast")]
    [InlineData("BANDWIDTH=-1")]
    [InlineData("BANDWIDTH=\"800000\"")]
    [InlineData("BANDWIDTH=800000,RESOLUTION=1280*720")]
    [InlineData("BANDWIDTH=800000,RESOLUTION=x720")]
    [InlineData("BANDWIDTH=800000,CODECS=avc1.4d401f")]
    [InlineData("BANDWIDTH=800000,CODECS=\"avc1.4d401f,mp4a.40.2")]
    [InlineData("BANDWIDTH=800000,BANDWIDTH=900000")]
    [InlineData("BANDWIDTH=800000,lowercase=1")]
    [InlineData("BANDWIDTH=800000,JUSTANAME")]
    [InlineData("BANDWIDTH=800000,CODECS=\"avc1\"x,NAME=\"a\"")]
    public void Malformed_variant_attributes_are_rejected_on_their_line(string attributes)
    {
        var error = Playlists.Rejection(Playlists.Lines(Header, "#EXT-X-VERSION:3", $"#EXT-X-STREAM-INF:{attributes}", "a.m3u8"));

        Assert.Equal(3, error.LineNumber);
    }

    [Fact]
    public void A_variant_without_its_uri_line_is_rejected()
    {
        var followedByVariant = Playlists.Rejection(Playlists.Lines(
            Header, "#EXT-X-STREAM-INF:BANDWIDTH=1", "#EXT-X-STREAM-INF:BANDWIDTH=2", "b.m3u8"));
        var atTheEnd = Playlists.Rejection(Playlists.Lines(
            Header, "#EXT-X-STREAM-INF:BANDWIDTH=1", "a.m3u8", "#EXT-X-STREAM-INF:BANDWIDTH=2"));

        Assert.Equal(2, followedByVariant.LineNumber);
        Assert.Equal(4, atTheEnd.LineNumber);
    }

    [Fact]
    public void A_stray_uri_in_a_master_playlist_is_rejected()
    {
        var error = Playlists.Rejection(Playlists.Lines(Header, "#EXT-X-STREAM-INF:BANDWIDTH=1", "a.m3u8", "b.m3u8"));

        Assert.Equal(4, error.LineNumber);
    }

    [Fact]
    public void Mixing_master_and_media_tags_is_rejected()
    {
        var error = Playlists.Rejection(Playlists.Lines(Header, "#EXT-X-STREAM-INF:BANDWIDTH=1", "a.m3u8", TargetDuration));

        Assert.Equal(4, error.LineNumber);
    }

    [Theory]
    [InlineData("file:///etc/passwd")]
    [InlineData("c:\\media\\seg1.ts")]
    [InlineData("\\\\fileserver\\share\\seg1.ts")]
    [InlineData("data:video/mp2t;base64,AAAA")]
    [InlineData("ftp://ftp.example.com/seg1.ts")]
    public void Segment_uris_outside_the_web_are_rejected(string written)
    {
        var error = Playlists.Rejection(Playlists.Lines(Header, TargetDuration, "#EXTINF:6,", written));

        Assert.Equal(4, error.LineNumber);
        Assert.Contains("scheme", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_rendition_uri_outside_the_web_is_rejected() =>
        Assert.Equal(3, Playlists.Rejection(Playlists.Lines(Header, "#EXT-X-STREAM-INF:BANDWIDTH=1", "file:///etc/passwd")).LineNumber);

    [Fact]
    public void An_init_segment_with_an_empty_uri_is_rejected() =>
        Assert.Equal(3, Playlists.Rejection(Playlists.Lines(Header, TargetDuration, "#EXT-X-MAP:URI=\"\"")).LineNumber);

    [Fact]
    public void A_playlist_of_exactly_the_line_limit_is_accepted()
    {
        var text = Playlists.Lines(
            [Header, TargetDuration, .. Enumerable.Repeat("# padding", HlsPlaylist.MaxLines - 4), "#EXTINF:6,", "a.ts"]);

        Assert.Single(Playlists.Media(text).Segments);
    }

    [Fact]
    public void A_playlist_of_more_lines_than_the_limit_is_rejected_where_it_overflows()
    {
        var text = Playlists.Lines([Header, TargetDuration, .. Enumerable.Repeat("#", HlsPlaylist.MaxLines)]);

        var error = Playlists.Rejection(text);

        Assert.Equal(HlsPlaylist.MaxLines + 1, error.LineNumber);
    }

    [Fact]
    public void A_playlist_of_exactly_the_size_limit_is_accepted()
    {
        var start = Playlists.Lines(Header, TargetDuration, "#EXTINF:6,", "a.ts") + "# padding ";
        var text = start + new string('x', HlsPlaylist.MaxCharacters - start.Length);

        Assert.Single(Playlists.Media(text).Segments);
    }

    [Fact]
    public void A_playlist_larger_than_the_size_limit_is_rejected_before_it_is_read()
    {
        var text = Header + "\n" + new string('#', HlsPlaylist.MaxCharacters);

        var error = Playlists.Rejection(text);

        Assert.Null(error.LineNumber);
        Assert.Contains("at most", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Text_from_the_origin_is_quoted_only_in_part()
    {
        var error = Playlists.Rejection(Playlists.Lines(Header, TargetDuration, "#EXTINF:" + new string('9', 5000) + "x,", "a.ts"));

        Assert.True(error.Message.Length < 300, error.Message);
    }

    [Fact]
    public void The_playlist_address_must_be_absolute() =>
        Assert.Throws<ArgumentException>(() => HlsPlaylist.Parse(Playlists.Lines(Header), new Uri("index.m3u8", UriKind.Relative)));

    [Fact]
    public void A_rejection_is_a_format_exception() =>
        Assert.IsAssignableFrom<FormatException>(Playlists.Rejection(""));
}
