namespace GridStream.Domain.Swarms.Protocol;

/// <summary>
/// The messages of the peer hub (DESIGN §4, FIG. 11–14), shared by the server and the headless agent.
/// Bandwidths are kilobits per second, times milliseconds, byte counts bytes: all integers.
/// </summary>
public static class PeerHubMethods
{
    public const string Path = "/hubs/peer";

    // Client → server
    public const string Register = nameof(Register);
    public const string RequestSources = nameof(RequestSources);
    public const string Report = nameof(Report);
    public const string Signal = nameof(Signal);
    public const string Withdraw = nameof(Withdraw);

    // Server → client
    public const string GroupChanged = nameof(GroupChanged);
    public const string SignalReceived = nameof(SignalReceived);
    public const string Removed = nameof(Removed);
}

/// <summary>A content rendition the peer watches or holds.</summary>
public sealed record ContentRendition(Guid ContentId, string Rendition);

/// <summary>
/// The network profile a client declares (FIG. 11). Its public address is what the server sees; a declared
/// address is used only on servers configured to trust it (single-machine demos and tests).
/// </summary>
public sealed record DeclaredNetwork(
    string? CdnEdge,
    IReadOnlyList<string>? TraceRoute,
    long DownKbps,
    long UpKbps,
    string? DeclaredAddress = null);

/// <param name="PlaybackToken">For priced content: a token from POST /api/content/{id}/playback-token for the watched item.</param>
/// <param name="Serves">
/// Transports the peer serves segments over ("webrtc", "http"); omitted means ["http"], what agents do, so older
/// clients keep working. Browsers say ["webrtc"].
/// </param>
/// <param name="Fetches">Transports the peer fetches segments over; omitted means ["http"]. Browsers say ["webrtc", "http"].</param>
public sealed record RegisterRequest(
    ContentRendition Watching,
    DeclaredNetwork Network,
    IReadOnlyList<ContentRendition>? Holding = null,
    bool ComputeEnabled = false,
    string? PlaybackToken = null,
    IReadOnlyList<string>? Serves = null,
    IReadOnlyList<string>? Fetches = null);

public sealed record GroupView(Guid ContentId, string Rendition, int GroupId, IReadOnlyList<Guid> Members);

public sealed record RegisterResponse(Guid PeerId, GroupView Group, SourcePlan FirstPlan);

public sealed record SourceRequest(long FromSequence, int Count);

/// <summary>One segment's client-block pair: its hash, who fetches it from the CDN, and where to get it otherwise.</summary>
public sealed record SegmentSources(
    long Sequence,
    int DurationMs,
    string Url,
    string Sha256,
    Guid DesignatedFetcher,
    bool FetchFromCdn,
    IReadOnlyList<Guid> Peers);

public sealed record SourcePlan(Guid ContentId, string Rendition, IReadOnlyList<SegmentSources> Segments);

/// <summary>What a peer saw of one neighbour since its last report (FIG. 14).</summary>
public sealed record NeighbourReport(Guid Peer, long BytesReceived, long RateKbps, int RttMs, int Successes, int Failures, int BadSegments);

/// <summary>
/// A peer's report (FIG. 14). <see cref="ActiveUploads"/> is how many segments it is uploading to group mates right
/// now; the hub ranks busy peers lower as sources.
/// </summary>
public sealed record PeerReport(
    IReadOnlyList<NeighbourReport> Neighbours,
    int BufferMs,
    int Stalls,
    long CdnBytes,
    long PeerBytes,
    int ActiveUploads = 0);

public sealed record SignalMessage(Guid From, string Payload);
