using GridStream.Domain.Swarms;
using GridStream.Domain.Swarms.Protocol;

namespace GridStream.Server.Peers;

/// <summary>A registered peer (FIG. 11 "client profile"): who it is, where it is, what it watches and holds, what it reported.</summary>
internal sealed class PeerSession(
    Guid peerId, string connectionId, Guid accountId, NetworkProfile profile, ContentRendition watching, IReadOnlyList<ContentRendition> holding,
    bool computeEnabled, PeerTransports? transports = null)
{
    public Guid PeerId { get; } = peerId;
    public string ConnectionId { get; } = connectionId;
    public Guid AccountId { get; } = accountId;
    public NetworkProfile Profile { get; } = profile;
    public ContentRendition Watching { get; } = watching;
    public IReadOnlyList<ContentRendition> Holding { get; } = holding;
    public bool ComputeEnabled { get; set; } = computeEnabled;

    /// <summary>What it serves and fetches segments over; who can be whose source depends on it.</summary>
    public PeerTransports Transports { get; } = transports ?? PeerTransports.Agent;

    public IEnumerable<ContentRendition> AllSwarms => Holding.Prepend(Watching).Distinct();

    public long CdnBytes { get; set; }
    public long PeerBytes { get; set; }
    public int Stalls { get; set; }
    public int BufferMs { get; set; }

    /// <summary>Segment uploads it was serving at its last report (FIG. 13 "current load").</summary>
    public int ActiveUploads { get; set; }
}
