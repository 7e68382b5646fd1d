using System.Net;

namespace GridStream.Domain.Swarms;

/// <summary>
/// What the swarm manager knows of a peer's place in the network (FIG. 11 "profile network"): its public address as
/// the server saw it, the ISP's autonomous system, the CDN edge it resolved, the route it traced towards the CDN,
/// and the bandwidth it measured, in kilobits per second.
/// </summary>
public sealed record NetworkProfile(
    IPAddress PublicAddress,
    int? Asn,
    string? CdnEdge,
    IReadOnlyList<string> TraceRoute,
    long DownKbps,
    long UpKbps)
{
    /// <summary>Peers behind one /24 (IPv4) or /48 (IPv6) are treated as one local network.</summary>
    public string Subnet { get; } = SubnetOf(PublicAddress);

    public static string SubnetOf(IPAddress address)
    {
        var mapped = address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
        var bytes = mapped.GetAddressBytes();
        var keep = bytes.Length == 4 ? 3 : 6;
        for (var i = keep; i < bytes.Length; i++)
        {
            bytes[i] = 0;
        }

        return $"{new IPAddress(bytes)}/{keep * 8}";
    }
}
