namespace GridStream.Domain.Swarms.Playback;

/// <summary>
/// What one viewer, or a whole swarm added up, got and where from. The P2P share is in basis points
/// (10,000 = every byte from peers) so it stays an integer. <see cref="CdnFallbacks"/> counts segments taken from the
/// CDN although another peer was designated to fetch them: the leapfrog's misses. <see cref="UnreachableFetchers"/>
/// counts segments whose plan told the viewer to wait on a designated fetcher it had no way to reach (a mate whose
/// address it never learned, such as a browser for an agent): with transports in the plan it stays 0.
/// </summary>
public sealed record ViewingFigures(
    long PeerBytes, long CdnBytes, int Segments, int Stalls, long StalledMs, int BadSegments, int CdnFallbacks = 0, int UnreachableFetchers = 0)
{
    public const int AllBasisPoints = 10_000;

    public static ViewingFigures None { get; } = new(0, 0, 0, 0, 0, 0);

    public long TotalBytes => PeerBytes + CdnBytes;

    public int PeerShareBasisPoints => TotalBytes == 0 ? 0 : (int)(PeerBytes * AllBasisPoints / TotalBytes);

    /// <summary>The share as a percentage with two decimals, for people and JSON readers.</summary>
    public decimal PeerSharePercent => PeerShareBasisPoints / 100m;

    public ViewingFigures Plus(ViewingFigures other) => new(
        PeerBytes + other.PeerBytes,
        CdnBytes + other.CdnBytes,
        Segments + other.Segments,
        Stalls + other.Stalls,
        StalledMs + other.StalledMs,
        BadSegments + other.BadSegments,
        CdnFallbacks + other.CdnFallbacks,
        UnreachableFetchers + other.UnreachableFetchers);

    public static ViewingFigures Sum(IEnumerable<ViewingFigures> figures) => figures.Aggregate(None, (sum, next) => sum.Plus(next));
}
