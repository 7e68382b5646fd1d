namespace GridStream.Server.Peers;

public sealed record SwarmView(Guid ContentId, string Rendition, int Peers, IReadOnlyList<int> GroupSizes, long CdnBytes, long PeerBytes, int PeerSharePerTenThousand, int Stalls);

/// <summary>The operator's live view of every swarm: groups, audience and how much of it came from peers.</summary>
internal static class ListSwarms
{
    public static IResult Handle(SwarmRegistry registry) =>
        TypedResults.Ok(registry.Summaries()
            .Select(summary => new SwarmView(
                summary.Swarm.ContentId, summary.Swarm.Rendition, summary.Peers, summary.GroupSizes,
                summary.CdnBytes, summary.PeerBytes, SharePerTenThousand(summary.PeerBytes, summary.CdnBytes), summary.Stalls))
            .OrderByDescending(view => view.Peers)
            .ToList());

    /// <summary>Integer basis points, so the share is exact and comparable without floating point.</summary>
    private static int SharePerTenThousand(long peerBytes, long cdnBytes) =>
        peerBytes + cdnBytes == 0 ? 0 : (int)(peerBytes * 10_000 / (peerBytes + cdnBytes));
}
