using GridStream.Domain.Swarms.Protocol;

namespace GridStream.Domain.Swarms.Playback;

/// <summary>
/// Decides, step by step, where to get one segment (FIG. 3–9 leapfrog with the CDN as last resort): the designated
/// fetcher goes to the CDN; everyone else asks the ranked peers in order, asks them again in rounds while the
/// designated fetcher may still be getting it, and gives up on peers when the buffer runs low or patience runs out.
/// A peer that served a bad copy is not asked again.
/// </summary>
public sealed class SegmentAttempt(SegmentSources segment, FetchPolicy policy, int jitterMs = 0)
{
    private readonly int _jitterMs = Math.Clamp(jitterMs, 0, policy.MaxJitterMs);
    private readonly HashSet<Guid> _triedThisRound = [];
    private readonly HashSet<Guid> _refused = [];

    public SegmentSources Segment { get; } = segment;

    /// <summary>The next step, given which peers can be reached, how full the buffer is and how long this segment has waited.</summary>
    public SourceChoice Next(IReadOnlySet<Guid> reachable, int bufferMs, bool playbackStarted, long waitedMs)
    {
        if (Segment.FetchFromCdn)
        {
            return new SourceChoice.UseCdn(CdnReason.Designated);
        }

        if (playbackStarted && bufferMs <= Math.Max(0, policy.LowBufferMs - _jitterMs))
        {
            return new SourceChoice.UseCdn(CdnReason.BufferLow);
        }

        var patience = (playbackStarted ? policy.MaxPeerWaitMs : policy.StartupPeerWaitMs) + _jitterMs;
        if (waitedMs >= patience)
        {
            return new SourceChoice.UseCdn(CdnReason.PeersTimedOut);
        }

        foreach (var peer in Segment.Peers)
        {
            if (reachable.Contains(peer) && !_refused.Contains(peer) && _triedThisRound.Add(peer))
            {
                return new SourceChoice.TryPeer(peer);
            }
        }

        if (waitedMs + policy.RetryDelayMs > patience)
        {
            return new SourceChoice.UseCdn(CdnReason.PeersTimedOut);
        }

        _triedThisRound.Clear();
        return new SourceChoice.Wait(policy.RetryDelayMs);
    }

    /// <summary>The peer served a copy whose hash was wrong, or failed outright: don't ask it again for this segment.</summary>
    public void Refuse(Guid peer) => _refused.Add(peer);
}
