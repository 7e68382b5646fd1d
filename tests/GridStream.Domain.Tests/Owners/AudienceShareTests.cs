using GridStream.Domain.Owners;

namespace GridStream.Domain.Tests.Owners;

public sealed class AudienceShareTests
{
    private static readonly Guid Item = Guid.Parse("0195f000-0000-7000-8000-00000000000a");
    private static readonly Guid Other = Guid.Parse("0195f000-0000-7000-8000-00000000000b");
    private static readonly DateTimeOffset Start = new(2026, 12, 3, 12, 0, 0, TimeSpan.Zero);

    private static SwarmReading At(int second, int peers, long cdn, long peer, string rendition = "v0", Guid? item = null) =>
        new(item ?? Item, rendition, Start.AddSeconds(second), peers, cdn, peer);

    [Fact]
    public void Growing_totals_count_once_not_once_per_snapshot()
    {
        var audience = Assert.Single(AudienceShare.Of([At(0, 3, 100, 0), At(10, 3, 150, 250), At(20, 3, 200, 800)], Start));

        Assert.Equal(200, audience.CdnBytes);
        Assert.Equal(800, audience.PeerBytes);
        Assert.Equal(800, audience.CdnBytesSaved);
        Assert.Equal(0.8, audience.PeerShare!.Value, 10);
        Assert.Equal(3, audience.Snapshots);
    }

    [Fact]
    public void A_departure_drops_the_sum_and_counts_as_no_delivery_and_later_growth_counts_again()
    {
        // A peer with 500 peer bytes leaves between 10 s and 20 s; the others then receive 100 more.
        var audience = Assert.Single(AudienceShare.Of([At(0, 2, 0, 0), At(10, 2, 50, 700), At(20, 1, 50, 200), At(30, 1, 60, 300)], Start));

        Assert.Equal(800, audience.PeerBytes);
        Assert.Equal(60, audience.CdnBytes);
    }

    [Fact]
    public void Renditions_add_up_and_the_peak_counts_peers_of_one_tick_across_renditions()
    {
        var audience = Assert.Single(AudienceShare.Of(
        [
            At(0, 2, 100, 100, "low"), At(0, 3, 100, 300, "high"),
            At(10, 1, 150, 100, "low"), At(10, 1, 200, 400, "high"),
        ], Start));

        Assert.Equal(350, audience.CdnBytes);
        Assert.Equal(500, audience.PeerBytes);
        Assert.Equal(5, audience.PeakPeers);
        Assert.Equal(2, audience.Snapshots);
    }

    [Fact]
    public void Items_are_kept_apart_and_readings_may_come_in_any_order()
    {
        var audiences = AudienceShare.Of([At(10, 1, 0, 90, item: Other), At(10, 1, 30, 30), At(0, 1, 10, 10), At(0, 1, 0, 40, item: Other)], Start);

        Assert.Equal([Item, Other], audiences.Select(a => a.ContentId));
        Assert.Equal((30L, 30L), (audiences[0].CdnBytes, audiences[0].PeerBytes));
        Assert.Equal((0L, 90L), (audiences[1].CdnBytes, audiences[1].PeerBytes));
    }

    [Fact]
    public void Before_the_window_only_the_last_reading_counts_as_the_baseline()
    {
        var since = Start.AddSeconds(100);
        var audience = Assert.Single(AudienceShare.Of(
            [At(0, 9, 1_000, 1_000), At(90, 2, 400, 600), At(100, 2, 450, 900), At(110, 2, 500, 1_000)], since));

        Assert.Equal(100, audience.CdnBytes);
        Assert.Equal(400, audience.PeerBytes);
        Assert.Equal(2, audience.PeakPeers);
        Assert.Equal(2, audience.Snapshots);
    }

    [Fact]
    public void Nothing_received_has_no_share()
    {
        var audience = Assert.Single(AudienceShare.Of([At(0, 1, 0, 0)], Start));

        Assert.Null(audience.PeerShare);
        Assert.Empty(AudienceShare.Of([], Start));
    }
}
