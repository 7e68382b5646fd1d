using GridStream.Domain.Content;

namespace GridStream.Domain.Tests.Content;

public sealed class LivePlaylistWindowTests
{
    // The same live rendition fetched 8 seconds apart: the window slid by three segments and grew by one.
    private static readonly string AtTenOClock = Playlists.Lines(
        "#EXTM3U",
        "#EXT-X-VERSION:3",
        "#EXT-X-TARGETDURATION:3",
        "#EXT-X-MEDIA-SEQUENCE:2680",
        "#EXTINF:2.002,",
        "seg02680.ts?token=aaa",
        "#EXTINF:2.002,",
        "seg02681.ts?token=aaa",
        "#EXTINF:2.002,",
        "seg02682.ts?token=aaa",
        "#EXTINF:2.002,",
        "seg02683.ts?token=aaa",
        "#EXTINF:2.002,",
        "seg02684.ts?token=aaa",
        "#EXTINF:1.501,",
        "seg02685.ts?token=aaa");

    private static readonly string EightSecondsLater = Playlists.Lines(
        "#EXTM3U",
        "#EXT-X-VERSION:3",
        "#EXT-X-TARGETDURATION:3",
        "#EXT-X-MEDIA-SEQUENCE:2683",
        "#EXTINF:2.002,",
        "seg02683.ts?token=bbb",
        "#EXTINF:2.002,",
        "seg02684.ts?token=bbb",
        "#EXTINF:1.501,",
        "seg02685.ts?token=bbb",
        "#EXTINF:2.002,",
        "seg02686.ts?token=bbb",
        "#EXTINF:2.002,",
        "seg02687.ts?token=bbb",
        "#EXTINF:2.002,",
        "seg02688.ts?token=bbb",
        "#EXTINF:2.002,",
        "seg02689.ts?token=bbb");

    [Fact]
    public void The_first_fetch_makes_every_listed_segment_new()
    {
        var first = Playlists.Media(AtTenOClock, Playlists.LiveUri);

        var update = LivePlaylistWindow.Advance([], first);

        Assert.Equal(LivePlaylistContinuity.Continuous, update.Continuity);
        Assert.Equal(Enumerable.Range(2680, 6).Select(n => (long)n), update.NewSegments.Select(segment => segment.MediaSequenceNumber));
    }

    [Fact]
    public void Only_segments_past_the_known_ones_are_new_when_windows_overlap()
    {
        var known = Playlists.Media(AtTenOClock, Playlists.LiveUri).Segments;
        var later = Playlists.Media(EightSecondsLater, Playlists.LiveUri);

        var update = LivePlaylistWindow.Advance(known, later);

        Assert.Equal(LivePlaylistContinuity.Continuous, update.Continuity);
        Assert.False(update.NeedsResynchronisation);
        Assert.False(update.HasEnded);
        Assert.Null(update.Explanation);
        Assert.Equal(0, update.MissedSegmentCount);
        Assert.Equal(
            ["seg02686.ts", "seg02687.ts", "seg02688.ts", "seg02689.ts"],
            update.NewSegments.Select(segment => segment.FileName));
        Assert.Equal([2686L, 2687L, 2688L, 2689L], update.NewSegments.Select(segment => segment.MediaSequenceNumber));
    }

    [Fact]
    public void Refetching_an_unchanged_playlist_finds_nothing_new()
    {
        var known = Playlists.LiveWindow(100, 5).Segments;

        var update = LivePlaylistWindow.Advance(known, Playlists.LiveWindow(100, 5, token: "rotated"));

        Assert.Equal(LivePlaylistContinuity.Continuous, update.Continuity);
        Assert.Empty(update.NewSegments);
    }

    [Fact]
    public void A_playlist_that_moved_past_unseen_segments_is_a_gap()
    {
        var known = Playlists.LiveWindow(100, 5).Segments;

        var update = LivePlaylistWindow.Advance(known, Playlists.LiveWindow(110, 5));

        Assert.Equal(LivePlaylistContinuity.Gap, update.Continuity);
        Assert.True(update.NeedsResynchronisation);
        Assert.Equal(5, update.MissedSegmentCount);
        Assert.Equal([110L, 111L, 112L, 113L, 114L], update.NewSegments.Select(segment => segment.MediaSequenceNumber));
        Assert.Contains("105 to 109", update.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_a_single_segment_is_a_gap()
    {
        var known = Playlists.LiveWindow(100, 5).Segments;

        var update = LivePlaylistWindow.Advance(known, Playlists.LiveWindow(106, 3));

        Assert.Equal(LivePlaylistContinuity.Gap, update.Continuity);
        Assert.Equal(1, update.MissedSegmentCount);
        Assert.Equal([106L, 107L, 108L], update.NewSegments.Select(segment => segment.MediaSequenceNumber));
    }

    [Fact]
    public void A_window_starting_right_after_the_known_segments_is_no_gap()
    {
        var known = Playlists.LiveWindow(100, 5).Segments;

        var update = LivePlaylistWindow.Advance(known, Playlists.LiveWindow(105, 5));

        Assert.Equal(LivePlaylistContinuity.Continuous, update.Continuity);
        Assert.Equal(5, update.NewSegments.Count);
    }

    [Fact]
    public void Following_continues_after_a_gap()
    {
        var known = Playlists.LiveWindow(100, 5).Segments;
        var afterGap = LivePlaylistWindow.Advance(known, Playlists.LiveWindow(110, 5));
        var manifest = known.Concat(afterGap.NewSegments).ToList();

        var update = LivePlaylistWindow.Advance(manifest, Playlists.LiveWindow(112, 5));

        Assert.Equal(LivePlaylistContinuity.Continuous, update.Continuity);
        Assert.Equal([115L, 116L], update.NewSegments.Select(segment => segment.MediaSequenceNumber));
    }

    [Fact]
    public void A_sequence_that_went_back_is_a_reset_with_the_whole_new_window()
    {
        var known = Playlists.LiveWindow(2680, 6).Segments;

        var update = LivePlaylistWindow.Advance(known, Playlists.LiveWindow(0, 3));

        Assert.Equal(LivePlaylistContinuity.Reset, update.Continuity);
        Assert.True(update.NeedsResynchronisation);
        Assert.Equal([0L, 1L, 2L], update.NewSegments.Select(segment => segment.MediaSequenceNumber));
        Assert.Contains("before the first known segment 2680", update.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void Known_sequence_numbers_naming_other_segments_are_a_reset()
    {
        var known = Playlists.LiveWindow(100, 5).Segments;
        var restarted = Playlists.Media(
            Playlists.Lines(
                "#EXTM3U",
                "#EXT-X-TARGETDURATION:3",
                "#EXT-X-MEDIA-SEQUENCE:103",
                "#EXTINF:2.002,",
                "restart-a.ts",
                "#EXTINF:2.002,",
                "restart-b.ts",
                "#EXTINF:2.002,",
                "restart-c.ts"),
            Playlists.LiveUri);

        var update = LivePlaylistWindow.Advance(known, restarted);

        Assert.Equal(LivePlaylistContinuity.Reset, update.Continuity);
        Assert.Equal(["restart-a.ts", "restart-b.ts", "restart-c.ts"], update.NewSegments.Select(segment => segment.FileName));
        Assert.Contains("Segment 103", update.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void A_window_that_ends_before_the_known_segments_is_a_reset()
    {
        var known = Playlists.LiveWindow(100, 5).Segments;

        var update = LivePlaylistWindow.Advance(known, Playlists.LiveWindow(101, 2));

        Assert.Equal(LivePlaylistContinuity.Reset, update.Continuity);
        Assert.Contains("ends at sequence 102", update.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void A_segment_the_playlist_skipped_before_reappearing_is_a_reset()
    {
        var known = Playlists.LiveWindow(100, 2).Segments.Concat(Playlists.LiveWindow(105, 2).Segments).ToList();

        var update = LivePlaylistWindow.Advance(known, Playlists.LiveWindow(101, 8));

        Assert.Equal(LivePlaylistContinuity.Reset, update.Continuity);
        Assert.Contains("segment 102", update.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void Segments_moved_to_another_cdn_host_are_the_same_segments()
    {
        var known = Playlists.LiveWindow(100, 3).Segments;
        var elsewhere = Playlists.Media(
            Playlists.LiveWindow(100, 4).Segments.Aggregate(
                Playlists.Lines("#EXTM3U", "#EXT-X-TARGETDURATION:3", "#EXT-X-MEDIA-SEQUENCE:100"),
                (text, segment) => text + Playlists.Lines("#EXTINF:2.002,", $"https://edge9.example.net{segment.Uri.AbsolutePath}")),
            Playlists.LiveUri);

        var update = LivePlaylistWindow.Advance(known, elsewhere);

        Assert.Equal(LivePlaylistContinuity.Continuous, update.Continuity);
        Assert.Equal("https://edge9.example.net/channel7/720p/seg00103.ts", Assert.Single(update.NewSegments).Uri.AbsoluteUri);
    }

    [Fact]
    public void A_playlist_that_ended_delivers_its_last_segments_and_says_so()
    {
        var known = Playlists.LiveWindow(100, 5).Segments;

        var update = LivePlaylistWindow.Advance(known, Playlists.LiveWindow(102, 4, ended: true));

        Assert.True(update.HasEnded);
        Assert.Equal(LivePlaylistContinuity.Continuous, update.Continuity);
        Assert.Equal([105L], update.NewSegments.Select(segment => segment.MediaSequenceNumber));
    }

    [Fact]
    public void An_empty_window_at_the_known_position_brings_nothing_new()
    {
        var known = Playlists.LiveWindow(100, 5).Segments;
        var empty = Playlists.Media(Playlists.Lines("#EXTM3U", "#EXT-X-TARGETDURATION:3", "#EXT-X-MEDIA-SEQUENCE:105"), Playlists.LiveUri);

        var update = LivePlaylistWindow.Advance(known, empty);

        Assert.Equal(LivePlaylistContinuity.Continuous, update.Continuity);
        Assert.Empty(update.NewSegments);
    }

    [Fact]
    public void Known_segments_out_of_order_are_a_caller_error()
    {
        var outOfOrder = Playlists.LiveWindow(100, 3).Segments.Reverse().ToList();

        var error = Assert.Throws<ArgumentException>(() => LivePlaylistWindow.Advance(outOfOrder, Playlists.LiveWindow(100, 4)));

        Assert.Equal("knownSegments", error.ParamName);
    }
}
