using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace GridStream.Domain.Swarms;

/// <summary>
/// The operator's prefix table: lines of "CIDR ASN [name]", '#' for comments. The longest matching prefix names a
/// peer's ISP. Lookups walk at most 33 (IPv4) or 129 (IPv6) prefix lengths, each a dictionary probe.
/// </summary>
public sealed class AsnTable
{
    private readonly Dictionary<(AddressFamily Family, int Length, UInt128 Network), int> _prefixes = [];
    private readonly SortedSet<int> _lengthsV4 = [];
    private readonly SortedSet<int> _lengthsV6 = [];

    public int Count => _prefixes.Count;

    public static AsnTable Parse(string text)
    {
        var table = new AsnTable();
        var lineNumber = 0;
        foreach (var rawLine in text.Split('\n'))
        {
            lineNumber++;
            var line = rawLine.Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            var parts = line.Split([' ', '\t'], 3, StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length < 2
                || !IPNetwork.TryParse(parts[0], out var network)
                || !int.TryParse(parts[1].TrimStart('A', 'S', 'a', 's'), NumberStyles.None, CultureInfo.InvariantCulture, out var asn))
            {
                throw new FormatException($"ASN table line {lineNumber}: expected 'CIDR ASN [name]', got '{line}'.");
            }

            table.Add(network, asn);
        }

        return table;
    }

    public void Add(IPNetwork network, int asn)
    {
        var family = network.BaseAddress.AddressFamily;
        _prefixes[(family, network.PrefixLength, Masked(network.BaseAddress, network.PrefixLength))] = asn;
        (family == AddressFamily.InterNetwork ? _lengthsV4 : _lengthsV6).Add(network.PrefixLength);
    }

    public int? Lookup(IPAddress address)
    {
        var normalized = address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
        var family = normalized.AddressFamily;
        foreach (var length in (family == AddressFamily.InterNetwork ? _lengthsV4 : _lengthsV6).Reverse())
        {
            if (_prefixes.TryGetValue((family, length, Masked(normalized, length)), out var asn))
            {
                return asn;
            }
        }

        return null;
    }

    private static UInt128 Masked(IPAddress address, int prefixLength)
    {
        var bytes = address.GetAddressBytes();
        UInt128 value = 0;
        foreach (var b in bytes)
        {
            value = (value << 8) | b;
        }

        var bits = bytes.Length * 8;
        var hostBits = bits - prefixLength;
        return hostBits >= 128 ? 0 : value >> hostBits << hostBits;
    }
}
