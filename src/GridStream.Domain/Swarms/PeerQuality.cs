namespace GridStream.Domain.Swarms;

/// <summary>
/// What a group has learned of one peer as a source (FIG. 14 "update QoS for stream source"): smoothed throughput
/// and round trip, and a reliability score from 0 to 100 that failures lower, successes slowly restore and bad
/// segments (hash mismatches) cut hard. All integer arithmetic, so replays give identical results.
/// </summary>
public sealed record PeerQuality(long RateKbps, int RttMs, int Reliability, int BadSegments, int ConsecutiveFailures)
{
    public const int FullReliability = 100;
    public const int DegradedBelow = 50;

    /// <summary>Bad segments are not bad luck: a peer that served this many is removed from the swarm.</summary>
    public const int BadSegmentsBeforeRemoval = 3;

    private const int FailurePenalty = 15;
    private const int BadSegmentPenalty = 40;
    private const int SuccessCredit = 5;

    /// <summary>A newcomer is trusted a little less than a proven peer until it has served something.</summary>
    public static PeerQuality Unknown { get; } = new(RateKbps: 0, RttMs: 0, Reliability: 80, BadSegments: 0, ConsecutiveFailures: 0);

    public bool IsDegraded => Reliability < DegradedBelow;

    public bool ShouldBeRemoved => BadSegments >= BadSegmentsBeforeRemoval;

    /// <summary>Folds in one neighbour report: exponential smoothing with weight 1/4 on the new sample.</summary>
    public PeerQuality WithReport(long rateKbps, int rttMs, int successes, int failures, int badSegments)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rateKbps);
        ArgumentOutOfRangeException.ThrowIfNegative(rttMs);
        ArgumentOutOfRangeException.ThrowIfNegative(successes);
        ArgumentOutOfRangeException.ThrowIfNegative(failures);
        ArgumentOutOfRangeException.ThrowIfNegative(badSegments);

        var reliability = Reliability
            + Math.Min(successes, 20) * SuccessCredit
            - Math.Min(failures, 20) * FailurePenalty
            - Math.Min(badSegments, 5) * BadSegmentPenalty;
        return this with
        {
            RateKbps = RateKbps == 0 ? rateKbps : RateKbps + (rateKbps - RateKbps) / 4,
            RttMs = RttMs == 0 ? rttMs : RttMs + (rttMs - RttMs) / 4,
            Reliability = Math.Clamp(reliability, 0, FullReliability),
            BadSegments = BadSegments + badSegments,
            ConsecutiveFailures = failures > 0 && successes == 0 ? ConsecutiveFailures + failures : 0,
        };
    }
}
