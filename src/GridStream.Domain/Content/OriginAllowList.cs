using System.Globalization;
using System.Net;

namespace GridStream.Domain.Content;

/// <summary>A decision on one address an origin fetch would connect to; <see cref="Reason"/> says why not.</summary>
public sealed record OriginVerdict(bool Allowed, string? Reason)
{
    public static OriginVerdict Allow { get; } = new(true, null);
}

/// <summary>
/// The operator's exceptions to the origin guard (GridStream:Origins:Allow): networks in CIDR notation or single
/// addresses ("10.20.0.0/16", "::1"), and host names ("media.internal", or "*.media.internal" for its subdomains).
/// An allowed host name is trusted whatever it resolves to; every other host is judged by the addresses it resolves
/// to at connect time, so a name that changes its answer between checks (DNS rebinding) gains nothing.
/// </summary>
public sealed class OriginAllowList
{
    private readonly List<IPNetwork> _networks = [];
    private readonly HashSet<string> _hosts = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<string> _domainSuffixes = [];

    public static OriginAllowList None { get; } = new();

    public IReadOnlyList<IPNetwork> Networks => _networks;

    /// <summary>Entries separated by commas, semicolons or white space.</summary>
    /// <exception cref="FormatException">An entry is neither a network, an address nor a host name.</exception>
    public static OriginAllowList Parse(IEnumerable<string?> entries)
    {
        var list = new OriginAllowList();
        foreach (var entry in entries.SelectMany(text => (text ?? "").Split([',', ';', ' ', '\t', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries)))
        {
            if (IPNetwork.TryParse(entry, out var network))
            {
                list._networks.Add(network);
            }
            else if (IPAddress.TryParse(entry, out var address))
            {
                list._networks.Add(new IPNetwork(address, address.GetAddressBytes().Length * 8));
            }
            else if (entry.StartsWith("*.", StringComparison.Ordinal) && IsHostName(entry[2..]))
            {
                list._domainSuffixes.Add(entry[1..].TrimEnd('.').ToLowerInvariant());
            }
            else if (IsHostName(entry))
            {
                list._hosts.Add(entry.TrimEnd('.'));
            }
            else
            {
                throw new FormatException(string.Create(CultureInfo.InvariantCulture,
                    $"GridStream:Origins:Allow: '{entry}' is not a network (10.0.0.0/8), an address or a host name."));
            }
        }

        return list;
    }

    public bool AllowsHost(string host)
    {
        var name = host.TrimEnd('.');
        return _hosts.Contains(name) || _domainSuffixes.Any(suffix => name.EndsWith(suffix, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>Whether a fetch may connect to <paramref name="address"/> (resolved from <paramref name="host"/>).</summary>
    public OriginVerdict Check(string host, IPAddress address)
    {
        var kind = OriginAddresses.Classify(address);
        if (kind == AddressKind.Public || AllowsHost(host) || _networks.Any(network => network.Contains(Unmapped(address))))
        {
            return OriginVerdict.Allow;
        }

        var where = IPAddress.TryParse(host.Trim('[', ']'), out _) ? $"{address}" : $"{host} resolves to {address}, which";
        return new OriginVerdict(false, string.Create(CultureInfo.InvariantCulture,
            $"{where} is {OriginAddresses.Describe(kind)}; GridStream only fetches from public origins unless the operator allows this one (GridStream:Origins:Allow)"));
    }

    /// <summary>
    /// The check a registration can make before any fetch: a URL whose host is an address literal is judged now;
    /// a host name is judged when it is fetched, by what it then resolves to.
    /// </summary>
    public OriginVerdict CheckLiteral(Uri url)
    {
        ArgumentNullException.ThrowIfNull(url);
        return url.HostNameType is UriHostNameType.IPv4 or UriHostNameType.IPv6 && IPAddress.TryParse(url.IdnHost.Trim('[', ']'), out var address)
            ? Check(url.IdnHost, address)
            : OriginVerdict.Allow;
    }

    private static IPAddress Unmapped(IPAddress address) => address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;

    private static bool IsHostName(string text) =>
        text.Length is > 0 and <= 253 && Uri.CheckHostName(text.TrimEnd('.')) == UriHostNameType.Dns;
}
