namespace GridStream.Domain.Swarms.Playback;

/// <summary>Why a segment ends up coming from the CDN; the figures tell designated fetches from fallbacks.</summary>
public enum CdnReason
{
    Designated,
    BufferLow,
    PeersTimedOut,
}

/// <summary>What to do next to obtain one segment.</summary>
public abstract record SourceChoice
{
    private SourceChoice()
    {
    }

    public sealed record TryPeer(Guid Peer) : SourceChoice;

    /// <summary>Every reachable peer said "not yet": ask them again after this much media time.</summary>
    public sealed record Wait(int DelayMs) : SourceChoice;

    public sealed record UseCdn(CdnReason Reason) : SourceChoice;
}

/// <summary>
/// How patient a viewer is with its peers, in media milliseconds. Before playback starts there is no buffer to
/// protect, so the start-up patience applies instead of the low-buffer rule. <see cref="MaxJitterMs"/> bounds the
/// random extra patience each attempt gets, so that group mates waiting for the same missing segment don't all give
/// up at the same moment and all fetch it from the CDN: the first to give up fetches it, the others get it from him.
/// </summary>
public sealed record FetchPolicy(int LowBufferMs, int MaxPeerWaitMs, int StartupPeerWaitMs, int RetryDelayMs, int MaxJitterMs = 0)
{
    public static FetchPolicy For(int segmentDurationMs) => new(
        LowBufferMs: segmentDurationMs / 2,
        MaxPeerWaitMs: 2 * segmentDurationMs,
        StartupPeerWaitMs: 2 * segmentDurationMs,
        RetryDelayMs: Math.Clamp(segmentDurationMs / 10, 10, 250),
        MaxJitterMs: segmentDurationMs / 4);
}
