namespace GridStream.Domain.Content;

/// <summary>
/// Follows a live rendition: a live media playlist lists only a sliding window of recent segments, so each refetch
/// is compared with what is already known to find the new segments and to notice when the stream jumped.
/// Segments are identified by media sequence number (RFC 8216 §6.2.2 forbids reusing one for other content).
/// </summary>
public static class LivePlaylistWindow
{
    /// <param name="knownSegments">Segments known so far, in increasing sequence order as earlier updates returned
    /// them; at least the window of the previous fetch, so that a window moving backwards can be recognised.</param>
    /// <param name="fetched">The playlist as just fetched.</param>
    public static LivePlaylistUpdate Advance(IReadOnlyList<HlsSegment> knownSegments, HlsMediaPlaylist fetched)
    {
        ArgumentNullException.ThrowIfNull(knownSegments);
        ArgumentNullException.ThrowIfNull(fetched);
        RequireIncreasingSequence(knownSegments, nameof(knownSegments));

        var listed = fetched.Segments;
        var hasEnded = !fetched.IsLive;
        if (knownSegments.Count == 0)
        {
            return new LivePlaylistUpdate(LivePlaylistContinuity.Continuous, listed, 0, hasEnded, null);
        }

        var firstKnown = knownSegments[0].MediaSequenceNumber;
        var lastKnown = knownSegments[^1].MediaSequenceNumber;
        var firstListed = listed.Count > 0 ? listed[0].MediaSequenceNumber : fetched.MediaSequence;

        if (firstListed < firstKnown)
        {
            return Reset(listed, hasEnded,
                $"The playlist now starts at sequence {firstListed}, before the first known segment {firstKnown}.");
        }

        // Not written as lastKnown + 1: that overflows when the last known segment has the largest sequence number.
        if (firstListed > lastKnown && firstListed - lastKnown > 1)
        {
            var missed = firstListed - lastKnown - 1;
            return new LivePlaylistUpdate(LivePlaylistContinuity.Gap, listed, missed, hasEnded,
                $"Segments {lastKnown + 1} to {firstListed - 1} left the playlist before they were seen.");
        }

        if (listed.Count > 0 && listed[^1].MediaSequenceNumber < lastKnown)
        {
            return Reset(listed, hasEnded,
                $"The playlist now ends at sequence {listed[^1].MediaSequenceNumber}, before the last known segment {lastKnown}.");
        }

        var contradiction = FindContradiction(knownSegments, listed, lastKnown);
        if (contradiction is not null)
        {
            return Reset(listed, hasEnded, contradiction);
        }

        var newSegments = listed.Where(segment => segment.MediaSequenceNumber > lastKnown).ToList().AsReadOnly();
        return new LivePlaylistUpdate(LivePlaylistContinuity.Continuous, newSegments, 0, hasEnded, null);
    }

    /// <summary>
    /// Listed segments that should already be known must be the same segments. Only the URI path is compared: CDNs
    /// rotate hosts and signing query strings between fetches of an unchanged playlist.
    /// </summary>
    private static string? FindContradiction(
        IReadOnlyList<HlsSegment> knownSegments, IReadOnlyList<HlsSegment> listed, long lastKnown)
    {
        foreach (var segment in listed.TakeWhile(segment => segment.MediaSequenceNumber <= lastKnown))
        {
            var known = FindBySequence(knownSegments, segment.MediaSequenceNumber);
            if (known is null)
            {
                return $"The playlist lists segment {segment.MediaSequenceNumber}, which it skipped before.";
            }

            if (known.Uri.AbsolutePath != segment.Uri.AbsolutePath)
            {
                return $"Segment {segment.MediaSequenceNumber} was {known.Uri.AbsolutePath} and is now {segment.Uri.AbsolutePath}.";
            }
        }

        return null;
    }

    private static HlsSegment? FindBySequence(IReadOnlyList<HlsSegment> segments, long sequenceNumber)
    {
        var low = 0;
        var high = segments.Count - 1;
        while (low <= high)
        {
            var middle = low + ((high - low) / 2);
            var found = segments[middle].MediaSequenceNumber;
            if (found == sequenceNumber)
            {
                return segments[middle];
            }

            if (found < sequenceNumber)
            {
                low = middle + 1;
            }
            else
            {
                high = middle - 1;
            }
        }

        return null;
    }

    private static void RequireIncreasingSequence(IReadOnlyList<HlsSegment> segments, string parameterName)
    {
        for (var i = 1; i < segments.Count; i++)
        {
            if (segments[i].MediaSequenceNumber <= segments[i - 1].MediaSequenceNumber)
            {
                throw new ArgumentException(
                    "Known segments must be in strictly increasing media sequence order.", parameterName);
            }
        }
    }

    private static LivePlaylistUpdate Reset(IReadOnlyList<HlsSegment> listed, bool hasEnded, string explanation) =>
        new(LivePlaylistContinuity.Reset, listed, 0, hasEnded, explanation);
}
