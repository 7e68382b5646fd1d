using CsCheck;
using GridStream.Domain.Swarms;

namespace GridStream.Domain.Tests.Swarms;

public sealed class FetcherRotationTests
{
    [Fact]
    public void Equal_members_take_turns()
    {
        var members = Enumerable.Range(1, 5).Select(i => new Guid(i, 0, 0, new byte[8])).ToList();
        var rotation = new FetcherRotation();
        var weights = members.ToDictionary(peer => peer, _ => 1);

        var picks = Enumerable.Range(0, 10).Select(_ => rotation.Next(weights)).ToList();

        Assert.Equal(members.Concat(members), picks);
    }

    /// <summary>Over a whole cycle (the sum of the weights) each member fetches exactly its weight's worth of segments.</summary>
    [Fact]
    public void Every_member_fetches_in_proportion_to_its_weight()
    {
        Gen.Int[1, 50].Array[1, 12].Sample(weightList =>
        {
            var weights = weightList.Select((weight, i) => (Peer: new Guid(i + 1, 0, 0, new byte[8]), weight))
                .ToDictionary(pair => pair.Peer, pair => pair.weight);
            var rotation = new FetcherRotation();
            var total = weights.Values.Sum();

            var counts = Enumerable.Range(0, total * 2).Select(_ => rotation.Next(weights)).CountBy(peer => peer).ToDictionary();

            Assert.All(weights, pair => Assert.Equal(pair.Value * 2, counts.GetValueOrDefault(pair.Key)));
        });
    }

    [Fact]
    public void A_heavy_member_is_spread_out_not_bunched()
    {
        var heavy = Guid.NewGuid();
        var light = Guid.NewGuid();
        var rotation = new FetcherRotation();
        var weights = new Dictionary<Guid, int> { [heavy] = 2, [light] = 1 };

        var picks = Enumerable.Range(0, 6).Select(_ => rotation.Next(weights)).ToList();

        Assert.DoesNotContain(Enumerable.Range(0, 4), i => picks[i] == light && picks[i + 1] == light);
        Assert.Equal(4, picks.Count(peer => peer == heavy));
    }

    [Fact]
    public void Departed_members_are_never_chosen()
    {
        var stays = Guid.NewGuid();
        var leaves = Guid.NewGuid();
        var rotation = new FetcherRotation();
        rotation.Next(new Dictionary<Guid, int> { [stays] = 1, [leaves] = 10 });

        Assert.Equal(stays, rotation.Next(new Dictionary<Guid, int> { [stays] = 1 }));
    }

    [Theory]
    [InlineData(0, 100, 1)]
    [InlineData(20_000, 100, 10)]
    [InlineData(20_000, 50, 5)]
    [InlineData(1_000_000, 100, 50)]
    [InlineData(20_000, 0, 1)]
    public void Weight_grows_with_upload_and_reliability(long upKbps, int reliability, int weight) =>
        Assert.Equal(weight, FetcherRotation.WeightOf(upKbps, reliability));

    [Theory]
    [InlineData(1_000, 2_500, 0)]
    [InlineData(2_499, 2_500, 0)]
    [InlineData(3_000, 2_500, 1)]
    [InlineData(20_000, 2_500, 10)]
    [InlineData(1_000, 0, 1)]
    public void A_member_slower_than_the_stream_gets_no_share_of_the_fetches(long upKbps, long streamKbps, int weight) =>
        Assert.Equal(weight, FetcherRotation.WeightOf(upKbps, PeerQuality.FullReliability, streamKbps));

    [Fact]
    public void Members_of_weight_zero_are_passed_over_unless_everyone_has_weight_zero()
    {
        var slow = new Guid("00000000-0000-0000-0000-000000000001");
        var fast = new Guid("00000000-0000-0000-0000-000000000002");
        var rotation = new FetcherRotation();

        var picks = Enumerable.Range(0, 10).Select(_ => rotation.Next(new Dictionary<Guid, int> { [slow] = 0, [fast] = 3 })).ToList();
        var allSlow = Enumerable.Range(0, 4).Select(_ => rotation.Next(new Dictionary<Guid, int> { [slow] = 0, [fast] = 0 })).ToList();

        Assert.All(picks, pick => Assert.Equal(fast, pick));
        Assert.Equal(2, allSlow.Count(pick => pick == slow));
        Assert.Equal(2, allSlow.Count(pick => pick == fast));
    }
}
