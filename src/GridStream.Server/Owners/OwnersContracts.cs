using GridStream.Domain.Owners;

namespace GridStream.Server.Owners;

/// <summary>An owner's sales per UTC day from <paramref name="FirstDay"/> to <paramref name="LastDay"/>, with their totals.</summary>
/// <param name="EarnedMicroCredits">The owner's share of the prices (after the platform's fee), as posted to their earnings.</param>
public sealed record OwnerSales(DateOnly FirstDay, DateOnly LastDay, IReadOnlyList<DaySales> Days, int Licenses, long EarnedMicroCredits);

/// <summary>What one of the owner's items' audience received from peers and from the CDN.</summary>
/// <param name="PeerShare">Peer bytes over all bytes (0–1); null when nothing was received.</param>
/// <param name="CdnBytesSaved">Bytes viewers got from peers instead of the CDN.</param>
public sealed record ItemAudienceView(
    Guid ContentId, string Title, long PeerBytes, long CdnBytes, long CdnBytesSaved, double? PeerShare, int PeakPeers, int Snapshots);

/// <summary>The owner's audience since <paramref name="Since"/>, per item and in total. Byte counts are a lower bound (see AudienceShare).</summary>
public sealed record OwnerAudience(
    DateTimeOffset Since, IReadOnlyList<ItemAudienceView> Items, long PeerBytes, long CdnBytes, long CdnBytesSaved, double? PeerShare);
