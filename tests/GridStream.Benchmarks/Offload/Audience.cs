using System.Net;
using GridStream.Domain.Swarms;

namespace GridStream.Benchmarks.Offload;

/// <summary>
/// Where simulated viewers sit: three ISPs of different sizes, each with many /24 subnets, two CDN edges, trace
/// routes that meet at the edge, and residential bandwidths (upload from 1 to 40 Mbit/s). Round trips between two
/// viewers follow their proximity tier.
/// </summary>
internal sealed class Audience(Random random)
{
    private const int SubnetsPerIsp = 250;
    private static readonly int[] Asns = [64_501, 64_502, 64_503];
    private static readonly int[] IspSharePercent = [50, 30, 20];

    /// <summary>Upload capacities and how common they are: DSL, cable, fibre.</summary>
    private static readonly (long UpKbps, int Percent)[] Uploads = [(1_000, 15), (3_000, 25), (10_000, 35), (20_000, 15), (40_000, 10)];

    public const int CdnRttMs = 40;

    public NetworkProfile Next()
    {
        var isp = Pick(IspSharePercent.Select((percent, index) => (index, percent)).ToArray());
        var subnet = random.Next(SubnetsPerIsp);
        var host = random.Next(1, 255);
        var edge = isp == 2 ? "edge-b" : "edge-a";
        var up = Pick(Uploads);
        var down = Math.Max(up * 2, 10_000 + random.Next(10) * 10_000);
        return new NetworkProfile(
            new IPAddress([10, (byte)(isp + 1), (byte)subnet, (byte)host]),
            Asns[isp],
            edge,
            [$"home-{random.Next()}", $"isp-{isp}-access-{subnet % 16}", $"isp-{isp}-core", edge],
            down,
            up);
    }

    public static int RttMs(NetworkProfile a, NetworkProfile b) => NetworkDistance.TierOf(a, b) switch
    {
        ProximityTier.SameSubnet => 2,
        ProximityTier.SameAsn => 12,
        ProximityTier.SameCdnEdge => 25,
        ProximityTier.SharedRoute => 35,
        _ => 60,
    };

    private T Pick<T>((T Value, int Percent)[] choices)
    {
        var roll = random.Next(100);
        foreach (var (value, percent) in choices)
        {
            if (roll < percent)
            {
                return value;
            }

            roll -= percent;
        }

        return choices[^1].Value;
    }
}
