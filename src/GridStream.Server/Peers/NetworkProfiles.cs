using System.Net;
using GridStream.Domain.Swarms;
using GridStream.Domain.Swarms.Protocol;
using Microsoft.Extensions.Options;

namespace GridStream.Server.Peers;

/// <summary>Turns what a client declared and where its connection comes from into the profile the swarm groups by.</summary>
internal sealed class NetworkProfiles(AsnTable asns, IOptions<SwarmOptions> options)
{
    public const int MaxTraceRouteHops = 64;
    public const int MaxTextLength = 255;

    public NetworkProfile From(DeclaredNetwork? declared, IPAddress? seenAddress)
    {
        if (declared is null)
        {
            throw new PeerProtocolException("A network profile is required.");
        }

        if (declared.DownKbps < 0 || declared.UpKbps < 0)
        {
            throw new PeerProtocolException("Bandwidths are kilobits per second and can't be negative.");
        }

        var route = declared.TraceRoute ?? [];
        if (route.Count > MaxTraceRouteHops || route.Any(hop => hop is null || hop.Length > MaxTextLength)
            || declared.CdnEdge?.Length > MaxTextLength)
        {
            throw new PeerProtocolException($"A trace route has at most {MaxTraceRouteHops} hops of at most {MaxTextLength} characters.");
        }

        var address = AddressOf(declared, seenAddress);
        return new NetworkProfile(address, asns.Lookup(address), declared.CdnEdge, route, declared.DownKbps, declared.UpKbps);
    }

    private IPAddress AddressOf(DeclaredNetwork declared, IPAddress? seenAddress)
    {
        if (options.Value.TrustDeclaredAddresses && declared.DeclaredAddress is { } text)
        {
            return IPAddress.TryParse(text, out var declaredAddress)
                ? declaredAddress
                : throw new PeerProtocolException($"'{text}' is not an IP address.");
        }

        return seenAddress ?? IPAddress.Loopback;
    }
}
