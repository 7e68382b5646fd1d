using GridStream.Domain.Swarms.Playback;
using GridStream.Domain.Swarms.Protocol;

namespace GridStream.Domain.Tests.Swarms.Playback;

public sealed class NeighbourTallyTests
{
    private static readonly Guid Mate = new("00000000-0000-0000-0000-000000000001");
    private static readonly Guid Departed = new("00000000-0000-0000-0000-000000000002");

    [Fact]
    public void A_drain_reports_group_mates_with_their_rate_and_starts_afresh()
    {
        var tally = new NeighbourTally();
        tally.Served(Mate, bytes: 125_000, transferMs: 100, rttMs: 12);
        tally.Served(Mate, bytes: 125_000, transferMs: 150, rttMs: 8);
        tally.Failed(Mate);
        tally.ServedBadSegment(Mate);
        tally.Served(Departed, bytes: 1_000, transferMs: 10, rttMs: 3);

        var reports = tally.Drain(new HashSet<Guid> { Mate });

        Assert.Equal([new NeighbourReport(Mate, 250_000, RateKbps: 8_000, RttMs: 8, Successes: 2, Failures: 1, BadSegments: 1)], reports);
        Assert.Empty(tally.Drain(new HashSet<Guid> { Mate, Departed }));
    }
}
