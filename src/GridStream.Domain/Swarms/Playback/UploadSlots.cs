namespace GridStream.Domain.Swarms.Playback;

/// <summary>
/// How many segment uploads a viewer serves at once. Splitting a thin upload link among every group mate who asks
/// makes each copy so slow that they all time out and go to the CDN; a few uploads at a useful speed let the first
/// receivers pass the segment on (the leapfrog of FIG. 3–9). Each upload should run at least
/// <see cref="RealTimeMultiple"/> times the stream's bitrate, so a segment crosses in at most half its duration.
/// Mates who find every slot taken hear "busy" and ask someone else, as they do for a segment not held yet. A link
/// slower than the stream serves no one: it still watches, from its group mates and the CDN.
/// </summary>
public static class UploadSlots
{
    public const int RealTimeMultiple = 2;
    public const int MaxSlots = 16;

    /// <summary>Before the stream's bitrate is known, this is assumed: a mid-quality rendition.</summary>
    public const long AssumedStreamKbps = 2_000;

    public static int For(long upKbps, long streamKbps)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(upKbps);
        var stream = streamKbps > 0 ? streamKbps : AssumedStreamKbps;
        if (upKbps < stream)
        {
            // Slower than the stream itself: every copy would arrive late, after tying up a mate who waited for it.
            return 0;
        }

        return (int)Math.Clamp(upKbps / (RealTimeMultiple * stream), 1, MaxSlots);
    }

    /// <summary>A segment's bitrate in kilobits per second (bits per millisecond), from its size and duration.</summary>
    public static long StreamKbpsOf(long segmentBytes, int durationMs) =>
        durationMs <= 0 ? 0 : segmentBytes * 8 / durationMs;
}
