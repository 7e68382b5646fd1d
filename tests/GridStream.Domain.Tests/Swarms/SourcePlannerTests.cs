using GridStream.Domain.Swarms;

namespace GridStream.Domain.Tests.Swarms;

public sealed class SourcePlannerTests
{
    private static readonly Guid Me = Guid.NewGuid();
    private static readonly SourceCandidate[] NoOne = [];

    [Fact]
    public void Nearer_peers_rank_first_and_the_requester_is_never_its_own_source()
    {
        var me = Profiles.At("81.2.69.10", asn: 2856);
        var sameSubnet = Candidate(Profiles.At("81.2.69.20"));
        var sameAsn = Candidate(Profiles.At("82.1.1.1", asn: 2856));
        var far = Candidate(Profiles.At("133.5.1.1", asn: 2516));

        var ranked = SourcePlanner.Rank(Me, me, PeerTransports.Agent, [far, new SourceCandidate(Me, me, PeerQuality.Unknown, 0, PeerTransports.Agent), sameAsn, sameSubnet]);

        Assert.Equal([sameSubnet.Peer, sameAsn.Peer, far.Peer], ranked);
    }

    [Fact]
    public void Degraded_peers_come_after_healthy_ones_and_removable_peers_not_at_all()
    {
        var me = Profiles.At("81.2.69.10", asn: 2856);
        var degraded = Candidate(Profiles.At("81.2.69.20"), PeerQuality.Unknown with { Reliability = 10 });
        var liar = Candidate(Profiles.At("81.2.69.21"), PeerQuality.Unknown with { BadSegments = PeerQuality.BadSegmentsBeforeRemoval });
        var healthyButFar = Candidate(Profiles.At("133.5.1.1"));

        Assert.Equal([healthyButFar.Peer, degraded.Peer], SourcePlanner.Rank(Me, me, PeerTransports.Agent, [degraded, liar, healthyButFar]));
    }

    [Fact]
    public void Busy_peers_yield_to_idle_ones_at_the_same_distance()
    {
        var me = Profiles.At("81.2.69.10");
        var busy = Candidate(Profiles.At("81.2.69.20"), uploads: 3);
        var idle = Candidate(Profiles.At("81.2.69.21"), uploads: 0);

        Assert.Equal([idle.Peer, busy.Peer], SourcePlanner.Rank(Me, me, PeerTransports.Agent, [busy, idle]));
    }

    [Fact]
    public void The_designated_fetcher_leads_and_fetches_from_the_cdn_itself()
    {
        var fetcher = Guid.NewGuid();
        var other = Guid.NewGuid();

        var forOthers = SourcePlanner.Plan(42, fetcher, Me, [other, fetcher]);
        var forFetcher = SourcePlanner.Plan(42, fetcher, fetcher, [Me, other]);

        Assert.Equal([fetcher, other], forOthers.RankedSources);
        Assert.False(forOthers.RequesterFetchesFromCdn);
        Assert.True(forFetcher.RequesterFetchesFromCdn);
    }

    [Fact]
    public void A_lone_peer_has_no_sources_but_the_cdn() =>
        Assert.Empty(SourcePlanner.Rank(Me, Profiles.At("81.2.69.10"), PeerTransports.Agent, NoOne));

    private static SourceCandidate Candidate(NetworkProfile profile, PeerQuality? quality = null, int uploads = 0) =>
        new(Guid.NewGuid(), profile, quality ?? PeerQuality.Unknown, uploads, PeerTransports.Agent);
}
