using GridStream.Domain.Content;

namespace GridStream.Domain.Tests.Content;

public sealed class LoopedLivePlaylistTests
{
    private static readonly LoopedSegment[] FiveTwoSecondSegments =
        [.. Enumerable.Range(0, 5).Select(i => new LoopedSegment($"seg{i:000}.ts", 2_000))];

    [Fact]
    public void The_window_lists_the_most_recent_fully_played_segments()
    {
        var playlist = LoopedLivePlaylist.At(FiveTwoSecondSegments, TimeSpan.FromSeconds(9.9), windowSize: 3);

        Assert.Equal(1, playlist.MediaSequence);
        Assert.Equal([1L, 2, 3], playlist.Segments.Select(s => s.Sequence));
        Assert.Equal(["seg001.ts", "seg002.ts", "seg003.ts"], playlist.Segments.Select(s => s.Uri));
        Assert.Equal(2, playlist.TargetDurationSeconds);
    }

    [Fact]
    public void A_segment_appears_exactly_when_it_has_played_to_its_end()
    {
        var before = LoopedLivePlaylist.At(FiveTwoSecondSegments, TimeSpan.FromMilliseconds(9_999), windowSize: 3);
        var at = LoopedLivePlaylist.At(FiveTwoSecondSegments, TimeSpan.FromMilliseconds(10_000), windowSize: 3);

        Assert.Equal(3, before.Segments[^1].Sequence);
        Assert.Equal(4, at.Segments[^1].Sequence);
        Assert.Equal(2, at.MediaSequence);
    }

    [Fact]
    public void The_loop_wraps_with_a_discontinuity_and_keeps_counting_sequence_numbers()
    {
        // 22 s: segments 0–10 have played; 10 is the first segment of the third pass.
        var playlist = LoopedLivePlaylist.At(FiveTwoSecondSegments, TimeSpan.FromSeconds(22), windowSize: 4);

        Assert.Equal([7L, 8, 9, 10], playlist.Segments.Select(s => s.Sequence));
        Assert.Equal(["seg002.ts", "seg003.ts", "seg004.ts", "seg000.ts"], playlist.Segments.Select(s => s.Uri));
        Assert.Equal([false, false, false, true], playlist.Segments.Select(s => s.FollowsDiscontinuity));
        Assert.Equal(1, playlist.DiscontinuitySequence); // the wrap before segment 5 has scrolled out
    }

    [Fact]
    public void Uneven_durations_are_honoured()
    {
        LoopedSegment[] recording = [new("a.ts", 4_000), new("b.ts", 1_000), new("c.ts", 2_500)];

        var playlist = LoopedLivePlaylist.At(recording, TimeSpan.FromMilliseconds(7_500 + 4_999), windowSize: 10);

        Assert.Equal(["a.ts", "b.ts", "c.ts", "a.ts"], playlist.Segments.Select(s => s.Uri));
        Assert.Equal(4, playlist.TargetDurationSeconds);
    }

    [Fact]
    public void Early_on_the_window_is_shorter_and_starts_at_zero()
    {
        var nothingYet = LoopedLivePlaylist.At(FiveTwoSecondSegments, TimeSpan.FromSeconds(1), windowSize: 3);
        var one = LoopedLivePlaylist.At(FiveTwoSecondSegments, TimeSpan.FromSeconds(2), windowSize: 3);

        Assert.Empty(nothingYet.Segments);
        Assert.Equal(0, nothingYet.MediaSequence);
        Assert.Equal(0, Assert.Single(one.Segments).Sequence);
        Assert.False(one.Segments[0].FollowsDiscontinuity);
    }

    [Fact]
    public void The_text_is_a_live_media_playlist_our_own_reader_accepts()
    {
        var window = LoopedLivePlaylist.At(FiveTwoSecondSegments, TimeSpan.FromDays(300), windowSize: 6);

        var parsed = Assert.IsType<HlsMediaPlaylist>(HlsPlaylist.Parse(window.ToPlaylistText(), new Uri("http://origin.test/live/360p/index.m3u8")));

        Assert.True(parsed.IsLive);
        Assert.Equal(window.MediaSequence, parsed.MediaSequence);
        Assert.Equal(window.Segments.Select(s => s.Sequence), parsed.Segments.Select(s => s.MediaSequenceNumber));
        Assert.Equal(window.Segments.Select(s => s.FollowsDiscontinuity), parsed.Segments.Select(s => s.FollowsDiscontinuity));
        Assert.All(parsed.Segments, s => Assert.Equal(2_000, s.DurationMilliseconds));
    }

    [Fact]
    public void Consecutive_windows_continue_each_other_for_the_live_follower()
    {
        var recording = FiveTwoSecondSegments;
        var uri = new Uri("http://origin.test/live/index.m3u8");
        var earlier = (HlsMediaPlaylist)HlsPlaylist.Parse(LoopedLivePlaylist.At(recording, TimeSpan.FromSeconds(1_000), 6).ToPlaylistText(), uri);
        var later = (HlsMediaPlaylist)HlsPlaylist.Parse(LoopedLivePlaylist.At(recording, TimeSpan.FromSeconds(1_005), 6).ToPlaylistText(), uri);

        var update = LivePlaylistWindow.Advance(earlier.Segments, later);

        Assert.Equal(LivePlaylistContinuity.Continuous, update.Continuity);
        Assert.Equal(2, update.NewSegments.Count);
    }

    [Fact]
    public void Nonsense_input_is_refused()
    {
        Assert.Throws<ArgumentException>(() => LoopedLivePlaylist.At([], TimeSpan.Zero, 3));
        Assert.Throws<ArgumentException>(() => LoopedLivePlaylist.At([new("a.ts", 0)], TimeSpan.Zero, 3));
        Assert.Throws<ArgumentOutOfRangeException>(() => LoopedLivePlaylist.At(FiveTwoSecondSegments, TimeSpan.FromSeconds(-1), 3));
        Assert.Throws<ArgumentOutOfRangeException>(() => LoopedLivePlaylist.At(FiveTwoSecondSegments, TimeSpan.Zero, 0));
    }
}
