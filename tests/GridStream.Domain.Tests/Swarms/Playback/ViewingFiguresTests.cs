using GridStream.Domain.Swarms.Playback;

namespace GridStream.Domain.Tests.Swarms.Playback;

public sealed class ViewingFiguresTests
{
    [Fact]
    public void The_peer_share_is_in_basis_points_of_all_bytes()
    {
        var swarm = ViewingFigures.Sum([
            new ViewingFigures(PeerBytes: 7_000, CdnBytes: 1_000, Segments: 8, Stalls: 1, StalledMs: 200, BadSegments: 0),
            new ViewingFigures(PeerBytes: 1_000, CdnBytes: 1_000, Segments: 2, Stalls: 0, StalledMs: 0, BadSegments: 1),
        ]);

        Assert.Equal(8_000, swarm.PeerShareBasisPoints);
        Assert.Equal(80.00m, swarm.PeerSharePercent);
        Assert.Equal(10, swarm.Segments);
        Assert.Equal(1, swarm.BadSegments);
    }

    [Fact]
    public void Nothing_watched_is_a_zero_share_not_a_division_by_zero()
    {
        Assert.Equal(0, ViewingFigures.None.PeerShareBasisPoints);
    }
}
