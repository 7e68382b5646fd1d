using GridStream.Domain.Swarms.Playback;
using GridStream.Domain.Swarms.Protocol;

namespace GridStream.Domain.Tests.Swarms.Playback;

public sealed class SegmentAttemptTests
{
    private static readonly Guid Fetcher = new("00000000-0000-0000-0000-000000000001");
    private static readonly Guid Second = new("00000000-0000-0000-0000-000000000002");
    private static readonly Guid Third = new("00000000-0000-0000-0000-000000000003");
    private static readonly FetchPolicy Policy = new(LowBufferMs: 500, MaxPeerWaitMs: 1_000, StartupPeerWaitMs: 800, RetryDelayMs: 100, MaxJitterMs: 300);

    private static SegmentAttempt Attempt(bool fetchFromCdn = false) =>
        new(new SegmentSources(7, 500, "http://cdn/7.ts", new string('a', 64), Fetcher, fetchFromCdn, [Fetcher, Second, Third]), Policy);

    [Fact]
    public void The_designated_fetcher_goes_to_the_cdn()
    {
        Assert.Equal(new SourceChoice.UseCdn(CdnReason.Designated), Attempt(fetchFromCdn: true).Next(new HashSet<Guid>(), 5_000, true, 0));
    }

    [Fact]
    public void Reachable_peers_are_asked_in_ranked_order_then_again_after_a_pause()
    {
        var attempt = Attempt();
        var reachable = new HashSet<Guid> { Fetcher, Third };

        Assert.Equal(new SourceChoice.TryPeer(Fetcher), attempt.Next(reachable, 3_000, true, 0));
        Assert.Equal(new SourceChoice.TryPeer(Third), attempt.Next(reachable, 3_000, true, 0));
        Assert.Equal(new SourceChoice.Wait(100), attempt.Next(reachable, 3_000, true, 0));
        Assert.Equal(new SourceChoice.TryPeer(Fetcher), attempt.Next(reachable, 2_900, true, 100));
    }

    [Fact]
    public void A_low_buffer_or_spent_patience_sends_the_viewer_to_the_cdn()
    {
        var reachable = new HashSet<Guid> { Fetcher };
        Assert.Equal(new SourceChoice.UseCdn(CdnReason.BufferLow), Attempt().Next(reachable, 500, true, 0));

        var patient = Attempt();
        patient.Next(reachable, 3_000, true, 0);
        Assert.Equal(new SourceChoice.UseCdn(CdnReason.PeersTimedOut), patient.Next(reachable, 3_000, true, 950));
    }

    [Fact]
    public void Before_playback_starts_an_empty_buffer_is_no_reason_to_leave_the_peers()
    {
        var attempt = Attempt();
        var reachable = new HashSet<Guid> { Fetcher };

        Assert.Equal(new SourceChoice.TryPeer(Fetcher), attempt.Next(reachable, 0, false, 0));
        Assert.Equal(new SourceChoice.Wait(100), attempt.Next(reachable, 0, false, 0));
        Assert.Equal(new SourceChoice.UseCdn(CdnReason.PeersTimedOut), attempt.Next(reachable, 0, false, 800));
    }

    [Fact]
    public void A_peer_that_served_a_bad_copy_is_not_asked_again()
    {
        var attempt = Attempt();
        var reachable = new HashSet<Guid> { Fetcher, Second };

        Assert.Equal(new SourceChoice.TryPeer(Fetcher), attempt.Next(reachable, 3_000, true, 0));
        attempt.Refuse(Fetcher);
        Assert.Equal(new SourceChoice.TryPeer(Second), attempt.Next(reachable, 3_000, true, 0));
        Assert.Equal(new SourceChoice.Wait(100), attempt.Next(reachable, 3_000, true, 0));
        Assert.Equal(new SourceChoice.TryPeer(Second), attempt.Next(reachable, 3_000, true, 100));
    }

    [Fact]
    public void Jitter_makes_one_viewer_more_patient_than_another_and_is_bounded_by_the_policy()
    {
        var reachable = new HashSet<Guid> { Fetcher };
        var patient = new SegmentAttempt(Attempt().Segment, Policy, jitterMs: 200);
        var overlyPatient = new SegmentAttempt(Attempt().Segment, Policy, jitterMs: 5_000);

        Assert.Equal(new SourceChoice.TryPeer(Fetcher), patient.Next(reachable, 400, true, 1_000));
        Assert.Equal(new SourceChoice.UseCdn(CdnReason.PeersTimedOut), patient.Next(reachable, 3_000, true, 1_200));
        Assert.Equal(new SourceChoice.UseCdn(CdnReason.BufferLow), patient.Next(reachable, 300, true, 0));
        Assert.Equal(new SourceChoice.UseCdn(CdnReason.PeersTimedOut), overlyPatient.Next(reachable, 3_000, true, 1_300));
    }
}
