namespace GridStream.Domain.Swarms;

/// <summary>
/// Reads the transport lists of a registration ("webrtc", "http"). A missing list means what agents do (HTTP), so
/// clients written before transports existed keep working; an empty list is a real answer (serves nothing, or fetches
/// from the CDN only). Unknown names and oversized lists are refused with a message that says what is accepted.
/// </summary>
public static class TransportNames
{
    public const string WebRtc = "webrtc";
    public const string Http = "http";

    /// <summary>Each transport once is all a list can say; a longer list is a client error, not something to read on.</summary>
    public const int MaxNames = 8;

    private const int MaxEchoedLength = 40;

    private static readonly Dictionary<string, Transport> Known = new(StringComparer.OrdinalIgnoreCase)
    {
        [WebRtc] = Transport.WebRtc,
        [Http] = Transport.Http,
    };

    /// <summary>The transports of both lists, or the reason they are refused.</summary>
    public static (PeerTransports? Transports, string? Error) Parse(IReadOnlyList<string?>? serves, IReadOnlyList<string?>? fetches)
    {
        var (served, servesError) = ParseList(serves, "serves", PeerTransports.Agent.Serves);
        if (servesError is not null)
        {
            return (null, servesError);
        }

        var (fetched, fetchesError) = ParseList(fetches, "fetches", PeerTransports.Agent.Fetches);
        return fetchesError is not null ? (null, fetchesError) : (new PeerTransports(served, fetched), null);
    }

    public static IReadOnlyList<string> Names(Transport transports) =>
        Known.Where(pair => transports.HasFlag(pair.Value)).Select(pair => pair.Key).ToList();

    private static (Transport Transports, string? Error) ParseList(IReadOnlyList<string?>? names, string field, Transport absent)
    {
        if (names is null)
        {
            return (absent, null);
        }

        if (names.Count > MaxNames)
        {
            return (Transport.None, $"List at most {MaxNames} transports in '{field}' (known: {Listing()}).");
        }

        var transports = Transport.None;
        foreach (var name in names)
        {
            if (name is null || !Known.TryGetValue(name, out var transport))
            {
                return (Transport.None, $"Unknown transport {Echo(name)} in '{field}'; known transports: {Listing()}.");
            }

            transports |= transport;
        }

        return (transports, null);
    }

    private static string Listing() => string.Join(", ", Known.Keys);

    /// <summary>The refused value as the client sent it, cut short: a hostile client's megabyte goes no further than this.</summary>
    private static string Echo(string? name) => name switch
    {
        null => "null",
        { Length: > MaxEchoedLength } => $"'{name[..MaxEchoedLength]}…'",
        _ => $"'{name}'",
    };
}
