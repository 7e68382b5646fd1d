namespace GridStream.Domain.Owners;

/// <summary>
/// One swarm snapshot: at <paramref name="TakenAt"/>, the peers watching one rendition of one item and the bytes
/// those peers have received since each of them registered, from the CDN and from other peers.
/// </summary>
public sealed record SwarmReading(Guid ContentId, string Rendition, DateTimeOffset TakenAt, int Peers, long CdnBytes, long PeerBytes);

/// <summary>
/// What an item's audience received over the snapshots: from peers (the CDN bytes saved) and from the CDN, the P2P
/// share of the two, and the most peers watching it at one snapshot.
/// </summary>
public sealed record ItemAudience(Guid ContentId, long PeerBytes, long CdnBytes, int PeakPeers, int Snapshots)
{
    /// <summary>Bytes viewers got from peers instead of the CDN.</summary>
    public long CdnBytesSaved => PeerBytes;

    /// <summary>Peer bytes over all bytes, 0–1; null when nothing was received.</summary>
    public double? PeerShare => PeerBytes + CdnBytes == 0 ? null : (double)PeerBytes / (PeerBytes + CdnBytes);
}

/// <summary>
/// Turns swarm snapshots into bytes delivered. A snapshot's byte counts are sums over the peers watching at that
/// moment of their totals since they registered, so they grow while peers stay and drop when a peer leaves (its
/// bytes leave the sum). Delivered bytes are therefore the sum of each rendition's increases from one snapshot to the
/// next; a drop counts as no increase. When a peer leaves, what the others received in that interval is hidden
/// behind the drop, so the figures are a lower bound, never an overcount.
/// </summary>
public static class AudienceShare
{
    /// <summary>
    /// The audience from <paramref name="since"/> on. A rendition's last reading before <paramref name="since"/> (if
    /// given) is only the baseline its first increase is measured from; without one, the first reading counts from zero.
    /// </summary>
    public static IReadOnlyList<ItemAudience> Of(IEnumerable<SwarmReading> readings, DateTimeOffset since)
    {
        ArgumentNullException.ThrowIfNull(readings);
        var all = readings.ToList();
        var baselines = all.Where(r => r.TakenAt < since)
            .GroupBy(r => (r.ContentId, r.Rendition))
            .ToDictionary(series => series.Key, series => series.MaxBy(r => r.TakenAt)!);
        return [.. all.Where(r => r.TakenAt >= since)
            .GroupBy(r => r.ContentId)
            .Select(item =>
            {
                long peer = 0, cdn = 0;
                foreach (var rendition in item.GroupBy(r => r.Rendition, StringComparer.Ordinal))
                {
                    var (peerIncrease, cdnIncrease) = Increases(baselines.GetValueOrDefault((item.Key, rendition.Key)), rendition.OrderBy(r => r.TakenAt));
                    peer = checked(peer + peerIncrease);
                    cdn = checked(cdn + cdnIncrease);
                }

                // The writer stamps every swarm of one tick with the same time, so a tick's renditions add up.
                var peak = item.GroupBy(r => r.TakenAt).Max(tick => tick.Sum(r => r.Peers));
                return new ItemAudience(item.Key, peer, cdn, peak, item.Select(r => r.TakenAt).Distinct().Count());
            })
            .OrderBy(a => a.ContentId)];
    }

    private static (long Peer, long Cdn) Increases(SwarmReading? baseline, IEnumerable<SwarmReading> series)
    {
        long peer = 0, cdn = 0, lastPeer = baseline?.PeerBytes ?? 0, lastCdn = baseline?.CdnBytes ?? 0;
        foreach (var reading in series)
        {
            peer = checked(peer + Math.Max(0, reading.PeerBytes - lastPeer));
            cdn = checked(cdn + Math.Max(0, reading.CdnBytes - lastCdn));
            lastPeer = reading.PeerBytes;
            lastCdn = reading.CdnBytes;
        }

        return (peer, cdn);
    }
}
