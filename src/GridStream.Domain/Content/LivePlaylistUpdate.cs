namespace GridStream.Domain.Content;

/// <summary>What a refetch of a live playlist changed.</summary>
/// <param name="NewSegments">Segments to add to the manifest, in order. After a <see cref="LivePlaylistContinuity.Reset"/>
/// these are all the listed segments, meant to replace the known ones.</param>
/// <param name="MissedSegmentCount">For a <see cref="LivePlaylistContinuity.Gap"/>, how many sequence numbers were
/// never seen; otherwise 0.</param>
/// <param name="HasEnded">The playlist will not grow any more, so there is no point fetching it again.</param>
/// <param name="Explanation">Why the update is not continuous, worded for an operator's log; null when it is.</param>
public sealed record LivePlaylistUpdate(
    LivePlaylistContinuity Continuity,
    IReadOnlyList<HlsSegment> NewSegments,
    long MissedSegmentCount,
    bool HasEnded,
    string? Explanation)
{
    public bool NeedsResynchronisation => Continuity != LivePlaylistContinuity.Continuous;
}
