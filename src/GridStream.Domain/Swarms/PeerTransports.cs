namespace GridStream.Domain.Swarms;

/// <summary>The ways segments travel between peers. Browsers have WebRTC data channels; headless agents have HTTP.</summary>
[Flags]
public enum Transport
{
    None = 0,
    WebRtc = 1,
    Http = 2,
}

/// <summary>
/// What a peer can serve segments over and what it can fetch them over. A peer is a possible source for another only
/// when one of the transports it serves over is one the other fetches over.
/// </summary>
public sealed record PeerTransports(Transport Serves, Transport Fetches)
{
    /// <summary>Headless agents serve and fetch over HTTP; also what clients that say nothing are taken to do (they predate transports).</summary>
    public static PeerTransports Agent { get; } = new(Transport.Http, Transport.Http);

    /// <summary>A browser serves over its data channels and fetches over those and over HTTP from agents.</summary>
    public static PeerTransports Browser { get; } = new(Transport.WebRtc, Transport.WebRtc | Transport.Http);

    public bool CanFetchFrom(PeerTransports source) => (Fetches & source.Serves) != Transport.None;
}
