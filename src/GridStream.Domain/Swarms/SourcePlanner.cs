namespace GridStream.Domain.Swarms;

/// <summary>What the planner knows of one group member when ranking it as a source for another.</summary>
public sealed record SourceCandidate(Guid Peer, NetworkProfile Profile, PeerQuality Quality, int ActiveUploads, PeerTransports Transports);

/// <summary>One segment's plan (a client-block pair of claim 1): who fetches it from the CDN, and where others get it.</summary>
public sealed record SegmentPlan(long Sequence, Guid DesignatedFetcher, IReadOnlyList<Guid> RankedSources, bool RequesterFetchesFromCdn);

/// <summary>
/// Ranks a group's members as sources for one requester (FIG. 13 "rank clients"; claim 8): healthy peers before
/// degraded ones, then by network distance refined by the round trip measured between them, then by spare
/// upload capacity. Only members that serve over a transport the requester fetches over are named at all: a browser
/// cannot open an agent's data channel, nor an agent a browser's. The segment's designated fetcher leads the list,
/// since it has the segment first. The CDN is always the last resort and is left implicit.
/// </summary>
public static class SourcePlanner
{
    /// <summary>Each upload a peer is already serving counts as this much extra distance.</summary>
    public const int LoadPenaltyPerUpload = 150;

    public static IReadOnlyList<Guid> Rank(
        Guid requester, NetworkProfile requesterProfile, PeerTransports requesterTransports, IEnumerable<SourceCandidate> members)
    {
        return members
            .Where(member => member.Peer != requester && !member.Quality.ShouldBeRemoved && requesterTransports.CanFetchFrom(member.Transports))
            .OrderBy(member => member.Quality.IsDegraded)
            .ThenBy(member => Cost(requesterProfile, member))
            .ThenByDescending(member => member.Profile.UpKbps)
            .ThenBy(member => member.Peer)
            .Select(member => member.Peer)
            .ToList();
    }

    public static SegmentPlan Plan(long sequence, Guid designatedFetcher, Guid requester, IReadOnlyList<Guid> ranked)
    {
        if (designatedFetcher == requester)
        {
            return new SegmentPlan(sequence, designatedFetcher, ranked, RequesterFetchesFromCdn: true);
        }

        var sources = new List<Guid>(ranked.Count) { designatedFetcher };
        sources.AddRange(ranked.Where(peer => peer != designatedFetcher));
        return new SegmentPlan(sequence, designatedFetcher, sources, RequesterFetchesFromCdn: false);
    }

    private static long Cost(NetworkProfile requester, SourceCandidate member)
    {
        var measuredRtt = member.Quality.RttMs > 0 ? member.Quality.RttMs : (int?)null;
        return NetworkDistance.Between(requester, member.Profile, measuredRtt) + (long)member.ActiveUploads * LoadPenaltyPerUpload;
    }
}
