namespace GridStream.Domain.Tests.Content;

public sealed class HlsDurationTests
{
    [Theory]
    [InlineData("6", 6000)]
    [InlineData("6.006", 6006)]
    [InlineData("6.0", 6000)]
    [InlineData("0.5", 500)]
    [InlineData("0", 0)]
    [InlineData("6.", 6000)]
    [InlineData(".25", 250)]
    [InlineData("007.5", 7500)]
    [InlineData("10.0004", 10000)]
    [InlineData("10.0005", 10001)]
    [InlineData("2.9995", 3000)]
    [InlineData("0.00049999999", 0)]
    [InlineData("9.00000000000000000001", 9000)]
    [InlineData("2147483.647", int.MaxValue)]
    public void Durations_are_exact_milliseconds_rounded_half_up(string written, int expectedMilliseconds)
    {
        var playlist = Playlists.Media(Playlists.Lines("#EXTM3U", "#EXT-X-TARGETDURATION:6", $"#EXTINF:{written},", "a.ts"));

        Assert.Equal(expectedMilliseconds, Assert.Single(playlist.Segments).DurationMilliseconds);
    }

    [Fact]
    public void A_thousand_segments_add_up_exactly()
    {
        // 1000 × 6.006 in floating point is 6005.999999999…, which truncates to the wrong millisecond.
        var lines = new List<string> { "#EXTM3U", "#EXT-X-TARGETDURATION:7" };
        for (var i = 0; i < 1000; i++)
        {
            lines.Add("#EXTINF:6.006,");
            lines.Add($"seg{i}.ts");
        }

        var playlist = Playlists.Media(Playlists.Lines([.. lines]));

        Assert.Equal(6_006_000, playlist.TotalDurationMilliseconds);
    }

    [Fact]
    public void An_extinf_without_the_comma_is_read_leniently()
    {
        var playlist = Playlists.Media(Playlists.Lines("#EXTM3U", "#EXT-X-TARGETDURATION:6", "#EXTINF:4.004", "a.ts"));

        var segment = Assert.Single(playlist.Segments);
        Assert.Equal(4004, segment.DurationMilliseconds);
        Assert.Null(segment.Title);
    }
}
