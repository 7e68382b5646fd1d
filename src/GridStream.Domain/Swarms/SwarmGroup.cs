namespace GridStream.Domain.Swarms;

/// <summary>
/// One group of peers watching the same content. Keeps counts of the subnets, ASNs and CDN edges among its members,
/// so a newcomer's closeness to the group is a few dictionary probes rather than a distance to every member.
/// </summary>
public sealed class SwarmGroup
{
    private readonly Dictionary<Guid, NetworkProfile> _members = [];
    private readonly Dictionary<string, int> _subnets = [];
    private readonly Dictionary<int, int> _asns = [];
    private readonly Dictionary<string, int> _edges = [];

    internal SwarmGroup(int id) => Id = id;

    public int Id { get; }
    public int Count => _members.Count;
    public IReadOnlyDictionary<Guid, NetworkProfile> Members => _members;

    /// <summary>The closest tier any member shares with the profile.</summary>
    public ProximityTier TierTo(NetworkProfile profile)
    {
        if (_subnets.ContainsKey(profile.Subnet))
        {
            return ProximityTier.SameSubnet;
        }

        if (profile.Asn is { } asn && _asns.ContainsKey(asn))
        {
            return ProximityTier.SameAsn;
        }

        if (profile.CdnEdge is { Length: > 0 } edge && _edges.ContainsKey(edge))
        {
            return ProximityTier.SameCdnEdge;
        }

        return _members.Values.Any(member => NetworkDistance.TierOf(member, profile) == ProximityTier.SharedRoute)
            ? ProximityTier.SharedRoute
            : ProximityTier.Distant;
    }

    internal void Add(Guid peer, NetworkProfile profile)
    {
        _members.Add(peer, profile);
        Increment(_subnets, profile.Subnet);
        if (profile.Asn is { } asn)
        {
            Increment(_asns, asn);
        }

        if (profile.CdnEdge is { Length: > 0 } edge)
        {
            Increment(_edges, edge);
        }
    }

    internal NetworkProfile Remove(Guid peer)
    {
        if (!_members.Remove(peer, out var profile))
        {
            throw new InvalidOperationException($"Peer {peer} is not in group {Id}.");
        }

        Decrement(_subnets, profile.Subnet);
        if (profile.Asn is { } asn)
        {
            Decrement(_asns, asn);
        }

        if (profile.CdnEdge is { Length: > 0 } edge)
        {
            Decrement(_edges, edge);
        }

        return profile;
    }

    private static void Increment<TKey>(Dictionary<TKey, int> counts, TKey key) where TKey : notnull =>
        counts[key] = counts.GetValueOrDefault(key) + 1;

    private static void Decrement<TKey>(Dictionary<TKey, int> counts, TKey key) where TKey : notnull
    {
        var left = counts[key] - 1;
        if (left == 0)
        {
            counts.Remove(key);
        }
        else
        {
            counts[key] = left;
        }
    }
}
