using CsCheck;
using GridStream.Domain.Swarms;

namespace GridStream.Domain.Tests.Swarms;

public sealed class SwarmPartitionTests
{
    [Fact]
    public void The_first_peers_share_one_group_until_it_is_full()
    {
        var swarm = new SwarmPartition(GroupPolicy.Default);

        for (var i = 0; i < 10; i++)
        {
            swarm.Join(Guid.NewGuid(), Profiles.FromSeed(i));
        }

        Assert.Equal([10], swarm.Groups.Select(group => group.Count));
    }

    [Fact]
    public void A_full_group_splits_into_two_halves_above_the_minimum()
    {
        var swarm = new SwarmPartition(GroupPolicy.Default);
        for (var i = 0; i < 10; i++)
        {
            swarm.Join(Guid.NewGuid(), Profiles.FromSeed(i));
        }

        var changed = swarm.Join(Guid.NewGuid(), Profiles.FromSeed(10));

        Assert.Equal(2, changed.Count);
        Assert.Equal([5, 6], swarm.Groups.Select(group => group.Count).Order());
    }

    [Fact]
    public void When_all_near_groups_are_full_a_new_group_borrows_members_instead_of_splitting_one()
    {
        var swarm = new SwarmPartition(GroupPolicy.Default);

        for (var i = 0; i < 31; i++)
        {
            swarm.Join(Guid.NewGuid(), Profiles.At($"81.2.69.{i + 1}", asn: 2856));
        }

        Assert.Equal([7, 8, 8, 8], swarm.Groups.Select(group => group.Count).Order());
    }

    [Fact]
    public void A_split_keeps_neighbours_together()
    {
        var swarm = new SwarmPartition(GroupPolicy.Default);
        var london = Enumerable.Range(0, 6).Select(i => (Guid.NewGuid(), Profiles.At($"81.2.69.{i + 1}", asn: 2856))).ToList();
        var tokyo = Enumerable.Range(0, 5).Select(i => (Guid.NewGuid(), Profiles.At($"133.5.1.{i + 1}", asn: 2516))).ToList();

        foreach (var (peer, profile) in london.Concat(tokyo))
        {
            swarm.Join(peer, profile);
        }

        Assert.Single(london.Select(p => swarm.GroupOf(p.Item1)!.Id).Distinct());
        Assert.Single(tokyo.Select(p => swarm.GroupOf(p.Item1)!.Id).Distinct());
    }

    [Fact]
    public void A_newcomer_joins_the_group_of_its_own_subnet()
    {
        var swarm = new SwarmPartition(GroupPolicy.Default);
        for (var i = 0; i < 6; i++)
        {
            swarm.Join(Guid.NewGuid(), Profiles.At($"81.2.69.{i + 1}", asn: 2856));
            swarm.Join(Guid.NewGuid(), Profiles.At($"133.5.1.{i + 1}", asn: 2516));
        }

        var newcomer = Guid.NewGuid();
        swarm.Join(newcomer, Profiles.At("133.5.1.200", asn: 9999));

        Assert.All(swarm.GroupOf(newcomer)!.Members.Values, member => Assert.Equal("133.5.1.0/24", member.Subnet));
    }

    [Fact]
    public void A_newcomer_whose_subnet_group_is_full_joins_a_group_of_its_isp_with_room_rather_than_split_one()
    {
        var swarm = new SwarmPartition(GroupPolicy.Default);
        for (var i = 0; i < 10; i++)
        {
            swarm.Join(Guid.NewGuid(), Profiles.At($"81.2.69.{i + 1}", asn: 2856));
        }

        // The first newcomer from 81.2.70.0/24 splits the full group: 6 stay, 4 go with it. Five more fill its group.
        for (var i = 0; i < 6; i++)
        {
            swarm.Join(Guid.NewGuid(), Profiles.At($"81.2.70.{i + 1}", asn: 2856));
        }

        Assert.Equal([6, 10], swarm.Groups.Select(group => group.Count).Order());
        var newcomer = Guid.NewGuid();
        var changed = swarm.Join(newcomer, Profiles.At("81.2.70.200", asn: 2856));

        Assert.Single(changed);
        Assert.Equal([7, 10], swarm.Groups.Select(group => group.Count).Order());
        Assert.Equal(7, swarm.GroupOf(newcomer)!.Count);
    }

    [Fact]
    public void A_newcomer_whose_subnet_group_is_full_starts_a_group_with_it_when_only_other_isps_have_room()
    {
        var swarm = new SwarmPartition(GroupPolicy.Default);
        for (var i = 0; i < 30; i++)
        {
            swarm.Join(Guid.NewGuid(), Profiles.At($"81.2.69.{i + 1}", asn: 2856));
        }

        for (var i = 0; i < 6; i++)
        {
            swarm.Join(Guid.NewGuid(), Profiles.At($"133.5.1.{i + 1}", asn: 2516));
        }

        var newcomer = Guid.NewGuid();
        swarm.Join(newcomer, Profiles.At("81.2.69.200", asn: 2856));

        Assert.All(swarm.GroupOf(newcomer)!.Members.Values, member => Assert.Equal(2856, member.Asn));
    }

    [Fact]
    public void Leaving_below_the_minimum_dissolves_the_group_into_its_neighbours()
    {
        var swarm = new SwarmPartition(GroupPolicy.Default);
        var peers = Enumerable.Range(0, 11).Select(_ => Guid.NewGuid()).ToList();
        for (var i = 0; i < peers.Count; i++)
        {
            swarm.Join(peers[i], Profiles.FromSeed(i));
        }

        var smaller = swarm.Groups.MinBy(group => group.Count)!;
        swarm.Leave(smaller.Members.Keys.First());

        Assert.Equal([10], swarm.Groups.Select(group => group.Count));
        Assert.Equal(10, swarm.PeerCount);
    }

    [Fact]
    public void Reassigning_moves_a_peer_to_another_group_with_room()
    {
        var swarm = new SwarmPartition(GroupPolicy.Default);
        for (var i = 0; i < 11; i++)
        {
            swarm.Join(Guid.NewGuid(), Profiles.FromSeed(i));
        }

        var larger = swarm.Groups.MaxBy(group => group.Count)!;
        var peer = larger.Members.Keys.First();
        var changed = swarm.Reassign(peer);

        Assert.Equal(2, changed.Count);
        Assert.NotEqual(larger.Id, swarm.GroupOf(peer)!.Id);
    }

    [Fact]
    public void Leaving_twice_or_unknown_peers_change_nothing()
    {
        var swarm = new SwarmPartition(GroupPolicy.Default);
        var peer = Guid.NewGuid();
        swarm.Join(peer, Profiles.FromSeed(1));

        Assert.Single(swarm.Leave(peer));
        Assert.Empty(swarm.Leave(peer));
        Assert.Empty(swarm.Reassign(Guid.NewGuid()));
    }

    [Fact]
    public void Joining_twice_is_refused()
    {
        var swarm = new SwarmPartition(GroupPolicy.Default);
        var peer = Guid.NewGuid();
        swarm.Join(peer, Profiles.FromSeed(1));

        Assert.Throws<InvalidOperationException>(() => swarm.Join(peer, Profiles.FromSeed(2)));
    }

    /// <summary>
    /// Any mix of joins, leaves and reassignments keeps every peer in exactly one group, no group above the maximum,
    /// and — once there is more than one group — none below the minimum.
    /// </summary>
    [Fact]
    public void Group_sizes_stay_within_policy_under_any_churn()
    {
        Gen.Int[0, 999].Array[1, 600].Sample(operations =>
        {
            var policy = GroupPolicy.Default;
            var swarm = new SwarmPartition(policy);
            var present = new List<Guid>();
            var order = 0;
            foreach (var op in operations)
            {
                if (op % 10 < 6 || present.Count == 0)
                {
                    var peer = new Guid(order++, 0, 0, new byte[8]);
                    swarm.Join(peer, Profiles.FromSeed(op));
                    present.Add(peer);
                }
                else if (op % 10 < 9)
                {
                    var leaving = present[op % present.Count];
                    swarm.Leave(leaving);
                    present.Remove(leaving);
                }
                else
                {
                    swarm.Reassign(present[op % present.Count]);
                }

                var sizes = swarm.Groups.Select(group => group.Count).ToList();
                Assert.Equal(present.Count, sizes.Sum());
                Assert.All(present, peer => Assert.True(swarm.GroupOf(peer)!.Members.ContainsKey(peer)));
                Assert.All(sizes, size => Assert.InRange(size, sizes.Count > 1 ? policy.MinSize : 1, policy.MaxSize));
            }
        });
    }

    [Theory]
    [InlineData(1, 10)]
    [InlineData(5, 8)]
    [InlineData(5, 101)]
    public void Impossible_policies_are_refused(int min, int max) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new GroupPolicy(min, max));
}
