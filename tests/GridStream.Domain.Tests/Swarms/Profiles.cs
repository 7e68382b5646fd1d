using System.Net;
using GridStream.Domain.Swarms;

namespace GridStream.Domain.Tests.Swarms;

internal static class Profiles
{
    public static NetworkProfile At(string address, int? asn = null, string? edge = null, string[]? route = null, long upKbps = 10_000) =>
        new(IPAddress.Parse(address), asn, edge, route ?? [], DownKbps: 20_000, UpKbps: upKbps);

    /// <summary>A peer in one of a few subnets, ASNs and edges, chosen by the numbers given; for generated scenarios.</summary>
    public static NetworkProfile FromSeed(int seed) =>
        At($"10.{seed % 7}.{seed % 13}.{seed % 200 + 1}", asn: 64_500 + seed % 5, edge: $"edge-{seed % 3}");
}
