namespace GridStream.Domain.Swarms;

/// <summary>
/// Splits a group in two by closeness: the two members farthest apart seed the halves, and every member goes to the
/// half whose seed it is nearer — unless that would leave a half below the minimum, in which case the members with the
/// weakest preference cross over.
/// </summary>
internal static class GroupSplitter
{
    public static (IReadOnlyList<Guid> Staying, IReadOnlyList<Guid> Moving) Halves(IReadOnlyDictionary<Guid, NetworkProfile> members, int minSize)
    {
        if (members.Count < 2 * minSize)
        {
            throw new InvalidOperationException($"{members.Count} peers can't make two groups of at least {minSize}.");
        }

        var peers = members.Keys.Order().ToList();
        var (seedA, seedB) = FarthestPair(peers, members);
        var byPreference = peers
            .Select(peer => (Peer: peer, Preference: NetworkDistance.Between(members[peer], members[seedA]) - NetworkDistance.Between(members[peer], members[seedB])))
            .OrderBy(entry => entry.Preference)
            .ThenBy(entry => entry.Peer)
            .ToList();
        var nearerToA = byPreference.Count(entry => entry.Preference < 0) + byPreference.Count(entry => entry.Preference == 0) / 2;
        var cut = Math.Clamp(nearerToA, minSize, peers.Count - minSize);
        var ordered = byPreference.Select(entry => entry.Peer).ToList();
        return (ordered[..cut], ordered[cut..]);
    }

    private static (Guid, Guid) FarthestPair(List<Guid> peers, IReadOnlyDictionary<Guid, NetworkProfile> members)
    {
        var best = (peers[0], peers[^1]);
        var bestDistance = -1;
        for (var i = 0; i < peers.Count; i++)
        {
            for (var j = i + 1; j < peers.Count; j++)
            {
                var distance = NetworkDistance.Between(members[peers[i]], members[peers[j]]);
                if (distance > bestDistance)
                {
                    bestDistance = distance;
                    best = (peers[i], peers[j]);
                }
            }
        }

        return best;
    }
}
