namespace GridStream.Domain.Swarms;

/// <summary>Which groups have a member in a given subnet, ASN or CDN edge: the first three proximity tiers as lookups.</summary>
internal sealed class ProximityIndex
{
    private readonly Dictionary<string, HashSet<int>> _bySubnet = [];
    private readonly Dictionary<int, HashSet<int>> _byAsn = [];
    private readonly Dictionary<string, HashSet<int>> _byEdge = [];

    /// <summary>Candidate group ids, closest tier first.</summary>
    public IEnumerable<IEnumerable<int>> CandidatesByTier(NetworkProfile profile)
    {
        if (_bySubnet.TryGetValue(profile.Subnet, out var sameSubnet))
        {
            yield return sameSubnet;
        }

        if (profile.Asn is { } asn && _byAsn.TryGetValue(asn, out var sameAsn))
        {
            yield return sameAsn;
        }

        if (profile.CdnEdge is { Length: > 0 } edge && _byEdge.TryGetValue(edge, out var sameEdge))
        {
            yield return sameEdge;
        }
    }

    public void Added(SwarmGroup group, NetworkProfile profile)
    {
        Add(_bySubnet, profile.Subnet, group.Id);
        if (profile.Asn is { } asn)
        {
            Add(_byAsn, asn, group.Id);
        }

        if (profile.CdnEdge is { Length: > 0 } edge)
        {
            Add(_byEdge, edge, group.Id);
        }
    }

    /// <summary>Drops the group from a key only when no member of it shares that key any more.</summary>
    public void Removed(SwarmGroup group, NetworkProfile profile)
    {
        var remaining = group.Members.Values;
        if (!remaining.Any(member => member.Subnet == profile.Subnet))
        {
            Remove(_bySubnet, profile.Subnet, group.Id);
        }

        if (profile.Asn is { } asn && !remaining.Any(member => member.Asn == asn))
        {
            Remove(_byAsn, asn, group.Id);
        }

        if (profile.CdnEdge is { Length: > 0 } edge && !remaining.Any(member => member.CdnEdge == edge))
        {
            Remove(_byEdge, edge, group.Id);
        }
    }

    private static void Add<TKey>(Dictionary<TKey, HashSet<int>> index, TKey key, int groupId) where TKey : notnull
    {
        if (!index.TryGetValue(key, out var groups))
        {
            index[key] = groups = [];
        }

        groups.Add(groupId);
    }

    private static void Remove<TKey>(Dictionary<TKey, HashSet<int>> index, TKey key, int groupId) where TKey : notnull
    {
        if (index.TryGetValue(key, out var groups) && groups.Remove(groupId) && groups.Count == 0)
        {
            index.Remove(key);
        }
    }
}
