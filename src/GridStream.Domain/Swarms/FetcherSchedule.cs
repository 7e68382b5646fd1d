namespace GridStream.Domain.Swarms;

/// <summary>
/// A group member as the fetcher schedule sees it: how it can be reached, and its share of the CDN fetches
/// (<see cref="FetcherRotation.WeightOf"/>).
/// </summary>
public sealed record FetcherCandidate(PeerTransports Transports, int Weight);

/// <summary>
/// Who fetches each segment of one group from the CDN (the leapfrog of FIG. 3–9) when members reach each other over
/// different transports (browsers over WebRTC, agents over HTTP). A segment's first fetcher is chosen in weighted
/// rotation among all members. A requester that can fetch from none of the fetchers named so far for the segment gets
/// one it can reach, chosen in a rotation kept per set of transports fetched over, so that requesters alike hear the
/// same one; when no mate serves over anything it fetches over, that is the requester itself. So every requester is
/// either told to fetch from the CDN or waits on a fetcher it can actually reach — a browser never on an agent it has
/// no HTTP path to, an agent never on a browser. The fetchers of recent segments are remembered, so every member
/// asking about segment n hears the same answer; a fetcher that left is replaced when next asked.
/// </summary>
public sealed class FetcherSchedule
{
    /// <summary>Plans cover a few segments ahead; remembering this many is plenty and bounds memory per group.</summary>
    public const int RememberedSegments = 256;

    private readonly FetcherRotation _rotation = new();
    private readonly Dictionary<Transport, FetcherRotation> _rotationsByReach = [];
    private readonly Dictionary<long, List<Guid>> _fetchers = [];

    /// <summary>The fetchers named so far for a segment, first one first (for tests and diagnostics).</summary>
    public IReadOnlyList<Guid> FetchersOf(long sequence) => _fetchers.TryGetValue(sequence, out var named) ? named : [];

    /// <summary>The member the requester should count on to fetch the segment from the CDN: itself, or a mate it can fetch from.</summary>
    public Guid FetcherFor(long sequence, Guid requester, IReadOnlyDictionary<Guid, FetcherCandidate> members)
    {
        if (!members.TryGetValue(requester, out var asking))
        {
            throw new ArgumentException($"Peer {requester} is not a member of this group.", nameof(requester));
        }

        var named = NamedFor(sequence);
        named.RemoveAll(peer => !members.ContainsKey(peer));
        if (named.Count == 0)
        {
            // A member that serves over nothing can pass a segment to no one: it fetches for the group only if all are like it.
            named.Add(_rotation.Next(members.ToDictionary(
                member => member.Key,
                member => member.Value.Transports.Serves == Transport.None ? 0 : member.Value.Weight)));
        }

        foreach (var fetcher in named)
        {
            if (fetcher == requester || asking.Transports.CanFetchFrom(members[fetcher].Transports))
            {
                return fetcher;
            }
        }

        var reachable = members
            .Where(member => member.Key == requester || asking.Transports.CanFetchFrom(member.Value.Transports))
            .ToDictionary(member => member.Key, member => member.Value.Weight);
        var extra = RotationFor(asking.Transports.Fetches).Next(reachable);
        named.Add(extra);
        return extra;
    }

    private List<Guid> NamedFor(long sequence)
    {
        if (_fetchers.TryGetValue(sequence, out var named))
        {
            return named;
        }

        _fetchers[sequence] = named = [];
        if (_fetchers.Count > RememberedSegments)
        {
            _fetchers.Remove(_fetchers.Keys.Min());
        }

        return named;
    }

    private FetcherRotation RotationFor(Transport fetches)
    {
        if (!_rotationsByReach.TryGetValue(fetches, out var rotation))
        {
            _rotationsByReach[fetches] = rotation = new FetcherRotation();
        }

        return rotation;
    }
}
