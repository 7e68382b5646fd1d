using GridStream.Domain.Swarms.Protocol;

namespace GridStream.Agent.Swarming;

/// <summary>
/// Varied network profiles for simulated viewers on one machine: addresses spread over the sample table's three
/// ISPs (10.1/16, 10.2/16, 10.3/16) and a few /24 subnets in each, two CDN edges, trace routes that meet at the
/// edge, and different bandwidths. The server groups by them when it trusts declared addresses.
/// </summary>
internal static class DemoNetworks
{
    private const int Isps = 3;
    private const int SubnetsPerIsp = 3;

    public static DeclaredNetwork For(int viewer)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(viewer);
        var isp = viewer % Isps;
        var subnet = viewer / Isps % SubnetsPerIsp;
        var host = 10 + viewer / (Isps * SubnetsPerIsp) % 240;
        var edge = isp == 2 ? "edge-mobile" : "edge-fixed";
        return new DeclaredNetwork(
            CdnEdge: edge,
            TraceRoute: [$"home-{viewer}", $"isp-{isp + 1}-access-{subnet}", $"isp-{isp + 1}-core", edge],
            DownKbps: 8_000 + viewer * 7_919 % 40 * 1_000,
            UpKbps: 1_000 + viewer * 104_729 % 20 * 500,
            DeclaredAddress: $"10.{isp + 1}.{subnet}.{host}");
    }
}
