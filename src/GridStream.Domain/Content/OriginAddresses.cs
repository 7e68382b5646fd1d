using System.Net;
using System.Net.Sockets;

namespace GridStream.Domain.Content;

/// <summary>What kind of network an address belongs to, as far as fetching from it on an owner's behalf goes.</summary>
public enum AddressKind
{
    Public,
    Unspecified,
    Loopback,
    Private,
    LinkLocal,
    UniqueLocal,
    Multicast,
    Reserved,
}

/// <summary>
/// Classifies addresses for the origin fetcher (a server-side request forgery guard): anything but a public unicast
/// address could reach this server itself, its private network or a cloud metadata service (169.254.169.254), so
/// owners' playlist URLs may not lead there unless the operator allows it. IPv4 embedded in IPv6 (mapped
/// ::ffff:a.b.c.d and the NAT64 prefix 64:ff9b::/96) is judged as the IPv4 address it carries.
/// </summary>
public static class OriginAddresses
{
    private static readonly (IPNetwork Network, AddressKind Kind)[] V4 =
    [
        (IPNetwork.Parse("0.0.0.0/8"), AddressKind.Unspecified),
        (IPNetwork.Parse("10.0.0.0/8"), AddressKind.Private),
        (IPNetwork.Parse("100.64.0.0/10"), AddressKind.Private), // carrier-grade NAT, shared address space
        (IPNetwork.Parse("127.0.0.0/8"), AddressKind.Loopback),
        (IPNetwork.Parse("169.254.0.0/16"), AddressKind.LinkLocal), // cloud metadata lives here
        (IPNetwork.Parse("172.16.0.0/12"), AddressKind.Private),
        (IPNetwork.Parse("192.0.0.0/24"), AddressKind.Reserved),
        (IPNetwork.Parse("192.168.0.0/16"), AddressKind.Private),
        (IPNetwork.Parse("198.18.0.0/15"), AddressKind.Reserved), // benchmarking networks
        (IPNetwork.Parse("224.0.0.0/4"), AddressKind.Multicast),
        (IPNetwork.Parse("240.0.0.0/4"), AddressKind.Reserved), // includes the broadcast address
    ];

    private static readonly (IPNetwork Network, AddressKind Kind)[] V6 =
    [
        (IPNetwork.Parse("::/128"), AddressKind.Unspecified),
        (IPNetwork.Parse("::1/128"), AddressKind.Loopback),
        (IPNetwork.Parse("fc00::/7"), AddressKind.UniqueLocal),
        (IPNetwork.Parse("fe80::/10"), AddressKind.LinkLocal),
        (IPNetwork.Parse("fec0::/10"), AddressKind.UniqueLocal), // deprecated site-local, still private in effect
        (IPNetwork.Parse("ff00::/8"), AddressKind.Multicast),
    ];

    private static readonly IPNetwork Nat64 = IPNetwork.Parse("64:ff9b::/96");

    public static AddressKind Classify(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.AddressFamily == AddressFamily.InterNetworkV6 && EmbeddedIPv4(address) is { } embedded)
        {
            return Classify(embedded);
        }

        var table = address.AddressFamily == AddressFamily.InterNetwork ? V4 : V6;
        foreach (var (network, kind) in table)
        {
            if (network.Contains(address))
            {
                return kind;
            }
        }

        return AddressKind.Public;
    }

    /// <summary>Words for an owner or operator: "a loopback address", "a private-network address", …</summary>
    public static string Describe(AddressKind kind) => kind switch
    {
        AddressKind.Unspecified => "an unspecified address",
        AddressKind.Loopback => "a loopback address (this server itself)",
        AddressKind.Private => "a private-network address",
        AddressKind.LinkLocal => "a link-local address (where cloud metadata services live)",
        AddressKind.UniqueLocal => "a unique-local (private) IPv6 address",
        AddressKind.Multicast => "a multicast address",
        AddressKind.Reserved => "a reserved address",
        _ => "a public address",
    };

    private static IPAddress? EmbeddedIPv4(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            return address.MapToIPv4();
        }

        if (Nat64.Contains(address))
        {
            return new IPAddress(address.GetAddressBytes()[12..]);
        }

        return null;
    }
}
