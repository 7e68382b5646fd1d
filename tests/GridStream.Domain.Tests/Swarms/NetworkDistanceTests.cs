using GridStream.Domain.Swarms;

namespace GridStream.Domain.Tests.Swarms;

public sealed class NetworkDistanceTests
{
    private static readonly string[] RouteToEdge = ["isp-core", "ix-fra", "edge-fra"];

    [Fact]
    public void Tiers_go_subnet_then_asn_then_cdn_edge_then_shared_route()
    {
        var me = Profiles.At("203.0.113.10", asn: 100, edge: "e1", route: ["home", "a", .. RouteToEdge]);

        Assert.Equal(ProximityTier.SameSubnet, NetworkDistance.TierOf(me, Profiles.At("203.0.113.99", asn: 200)));
        Assert.Equal(ProximityTier.SameAsn, NetworkDistance.TierOf(me, Profiles.At("198.51.100.1", asn: 100)));
        Assert.Equal(ProximityTier.SameCdnEdge, NetworkDistance.TierOf(me, Profiles.At("198.51.100.1", asn: 200, edge: "e1")));
        Assert.Equal(ProximityTier.SharedRoute, NetworkDistance.TierOf(me, Profiles.At("198.51.100.1", asn: 200, edge: "e2", route: ["other", .. RouteToEdge])));
        Assert.Equal(ProximityTier.Distant, NetworkDistance.TierOf(me, Profiles.At("198.51.100.1", asn: 200, edge: "e2", route: ["x", "edge-fra"])));
    }

    [Fact]
    public void A_closer_tier_always_beats_a_farther_one_whatever_was_measured()
    {
        var me = Profiles.At("203.0.113.10", asn: 100);
        var sameSubnetSlow = NetworkDistance.Between(me, Profiles.At("203.0.113.11"), measuredRttMs: 5_000);
        var sameAsnFast = NetworkDistance.Between(me, Profiles.At("198.51.100.1", asn: 100), measuredRttMs: 1);

        Assert.True(sameSubnetSlow < sameAsnFast);
    }

    [Fact]
    public void Within_a_tier_a_measured_round_trip_orders_peers()
    {
        var me = Profiles.At("203.0.113.10", asn: 100);
        var peer = Profiles.At("198.51.100.1", asn: 100);

        Assert.True(NetworkDistance.Between(me, peer, measuredRttMs: 12) < NetworkDistance.Between(me, peer, measuredRttMs: 40));
        Assert.Equal(1_012, NetworkDistance.Between(me, peer, measuredRttMs: 12));
    }

    [Fact]
    public void Distance_is_symmetric_and_zero_tiered_to_oneself()
    {
        var a = Profiles.At("203.0.113.10", asn: 100, edge: "e1", route: ["h", .. RouteToEdge]);
        var b = Profiles.At("198.51.100.7", asn: 300, edge: "e2", route: ["g", "k", .. RouteToEdge]);

        Assert.Equal(NetworkDistance.Between(a, b), NetworkDistance.Between(b, a));
        Assert.True(NetworkDistance.Between(a, a) < NetworkDistance.TierWidth);
    }

    [Theory]
    [InlineData("203.0.113.77", "203.0.113.0/24")]
    [InlineData("::ffff:203.0.113.77", "203.0.113.0/24")]
    [InlineData("2001:db8:1234:5678::1", "2001:db8:1234::/48")]
    public void Subnets_are_slash_24_and_slash_48(string address, string subnet) =>
        Assert.Equal(subnet, Profiles.At(address).Subnet);
}
