namespace GridStream.Domain.Swarms;

/// <summary>How close two peers are, coarsest signal last (DESIGN §5; claim 13: CDN IP, QoS, ISP id, subnet id).</summary>
public enum ProximityTier
{
    SameSubnet = 0,
    SameAsn = 1,
    SameCdnEdge = 2,
    SharedRoute = 3,
    Distant = 4,
}

/// <summary>
/// Distance as one integer: the tier times 1,000, plus a refinement below 1,000 — the measured round trip in
/// milliseconds when the peers have reported one, otherwise how little of their trace routes they share.
/// Smaller is closer; any peer in a closer tier beats every peer in a farther one.
/// </summary>
public static class NetworkDistance
{
    public const int TierWidth = 1_000;
    private const int MaxRefinement = TierWidth - 1;

    /// <summary>Route prefixes shorter than this say nothing: every route starts at a home router and an ISP hop.</summary>
    public const int MinSharedHops = 3;

    public static ProximityTier TierOf(NetworkProfile a, NetworkProfile b)
    {
        if (a.Subnet == b.Subnet)
        {
            return ProximityTier.SameSubnet;
        }

        if (a.Asn is { } asn && asn == b.Asn)
        {
            return ProximityTier.SameAsn;
        }

        if (a.CdnEdge is { Length: > 0 } edge && edge == b.CdnEdge)
        {
            return ProximityTier.SameCdnEdge;
        }

        return SharedRouteHops(a, b) >= MinSharedHops ? ProximityTier.SharedRoute : ProximityTier.Distant;
    }

    public static int Between(NetworkProfile a, NetworkProfile b, int? measuredRttMs = null)
    {
        var tier = TierOf(a, b);
        var refinement = measuredRttMs is { } rtt
            ? Math.Clamp(rtt, 0, MaxRefinement)
            : UnmeasuredRefinement(a, b);
        return (int)tier * TierWidth + refinement;
    }

    /// <summary>Hops the two routes share from their CDN end: routes converge as they near the edge.</summary>
    public static int SharedRouteHops(NetworkProfile a, NetworkProfile b)
    {
        var shared = 0;
        for (int i = a.TraceRoute.Count - 1, j = b.TraceRoute.Count - 1; i >= 0 && j >= 0; i--, j--)
        {
            if (!string.Equals(a.TraceRoute[i], b.TraceRoute[j], StringComparison.Ordinal))
            {
                break;
            }

            shared++;
        }

        return shared;
    }

    /// <summary>Without a measurement, more shared route means closer; capped so it never crosses into the next tier.</summary>
    private static int UnmeasuredRefinement(NetworkProfile a, NetworkProfile b) =>
        Math.Max(0, MaxRefinement / 2 - SharedRouteHops(a, b) * 25);
}
