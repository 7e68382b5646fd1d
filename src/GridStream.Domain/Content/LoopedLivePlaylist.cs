using System.Globalization;
using System.Text;

namespace GridStream.Domain.Content;

/// <summary>One segment of the recording a <see cref="LoopedLivePlaylist"/> loops over.</summary>
/// <param name="Uri">As it should appear in the playlist (relative URIs are fine).</param>
public sealed record LoopedSegment(string Uri, int DurationMilliseconds);

/// <summary>A segment as listed in the live window.</summary>
public sealed record LiveWindowSegment(long Sequence, string Uri, int DurationMilliseconds, bool FollowsDiscontinuity);

/// <summary>
/// A live stream made from a finished recording: the recording plays in a loop from a fixed epoch, and the playlist
/// lists the last few segments that have "happened" by now. It is computed from the clock alone, so every server
/// node (and every restart) serves the same window at the same moment without keeping any state.
/// </summary>
public sealed record LoopedLivePlaylist(
    long MediaSequence,
    long DiscontinuitySequence,
    int TargetDurationSeconds,
    IReadOnlyList<LiveWindowSegment> Segments)
{
    /// <param name="recording">The looped segments, in play order; at least one, each with a positive duration.</param>
    /// <param name="sinceEpoch">How long the loop has been playing; a segment is listed once it has fully played.</param>
    /// <param name="windowSize">How many of the most recent segments to list.</param>
    public static LoopedLivePlaylist At(IReadOnlyList<LoopedSegment> recording, TimeSpan sinceEpoch, int windowSize)
    {
        ArgumentNullException.ThrowIfNull(recording);
        if (recording.Count == 0 || recording.Any(segment => segment.DurationMilliseconds <= 0))
        {
            throw new ArgumentException("A looped recording needs at least one segment, each with a positive duration.", nameof(recording));
        }

        ArgumentOutOfRangeException.ThrowIfNegative(sinceEpoch.Ticks, nameof(sinceEpoch));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(windowSize);

        long loopLength = recording.Sum(segment => (long)segment.DurationMilliseconds);
        var elapsed = (long)sinceEpoch.TotalMilliseconds;
        var completedLoops = elapsed / loopLength;
        var intoLoop = elapsed % loopLength;
        var playedInLoop = 0;
        long playedUntil = 0;
        while (playedUntil + recording[playedInLoop].DurationMilliseconds <= intoLoop)
        {
            playedUntil += recording[playedInLoop].DurationMilliseconds;
            playedInLoop++;
        }

        var played = (completedLoops * recording.Count) + playedInLoop;
        var first = Math.Max(0, played - windowSize);
        var segments = new List<LiveWindowSegment>();
        for (var sequence = first; sequence < played; sequence++)
        {
            var index = (int)(sequence % recording.Count);
            var segment = recording[index];
            // Each wrap splices the end of the recording onto its start: new timestamps, so the player must reset.
            segments.Add(new LiveWindowSegment(sequence, segment.Uri, segment.DurationMilliseconds, index == 0 && sequence > 0));
        }

        // Counts the wraps that have already scrolled out of the window (RFC 8216 §4.3.3.3).
        var discontinuitySequence = first > 0 ? (first - 1) / recording.Count : 0;
        var longest = recording.Max(segment => segment.DurationMilliseconds);
        var targetDuration = (int)Math.Ceiling(longest / 1000.0);
        return new LoopedLivePlaylist(first, discontinuitySequence, targetDuration, segments);
    }

    /// <summary>The window as an HLS media playlist, without #EXT-X-ENDLIST since it never ends.</summary>
    public string ToPlaylistText()
    {
        var text = new StringBuilder()
            .Append("#EXTM3U\n#EXT-X-VERSION:3\n")
            .Append(CultureInfo.InvariantCulture, $"#EXT-X-TARGETDURATION:{TargetDurationSeconds}\n")
            .Append(CultureInfo.InvariantCulture, $"#EXT-X-MEDIA-SEQUENCE:{MediaSequence}\n")
            .Append(CultureInfo.InvariantCulture, $"#EXT-X-DISCONTINUITY-SEQUENCE:{DiscontinuitySequence}\n");
        foreach (var segment in Segments)
        {
            if (segment.FollowsDiscontinuity)
            {
                text.Append("#EXT-X-DISCONTINUITY\n");
            }

            text.Append(CultureInfo.InvariantCulture, $"#EXTINF:{segment.DurationMilliseconds / 1000m:0.000},\n")
                .Append(segment.Uri).Append('\n');
        }

        return text.ToString();
    }
}
