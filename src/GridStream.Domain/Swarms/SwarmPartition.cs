namespace GridStream.Domain.Swarms;

/// <summary>
/// The peers watching one rendition of one content item, in groups by network closeness (FIG. 11–12, claims 10–14).
/// Each operation returns the ids of the groups whose membership changed, so the caller can tell their members.
/// </summary>
public sealed class SwarmPartition(GroupPolicy policy)
{
    /// <summary>How many groups with room a newcomer with no close group is compared against; bounds the work per join.</summary>
    private const int RouteComparisonBudget = 64;

    private readonly Dictionary<int, SwarmGroup> _groups = [];
    private readonly Dictionary<Guid, SwarmGroup> _groupOfPeer = [];
    private readonly ProximityIndex _index = new();
    private readonly HashSet<int> _groupsWithRoom = [];
    private int _nextGroupId = 1;

    public GroupPolicy Policy { get; } = policy;
    public int PeerCount => _groupOfPeer.Count;
    public IEnumerable<SwarmGroup> Groups => _groups.Values;

    public SwarmGroup? GroupOf(Guid peer) => _groupOfPeer.GetValueOrDefault(peer);

    public SwarmGroup Group(int id) => _groups[id];

    public SwarmGroup? FindGroup(int id) => _groups.GetValueOrDefault(id);

    /// <summary>
    /// A newcomer joins the nearest group with room; when the nearest groups are full it starts a new group with members
    /// borrowed from them, or, when they can't spare enough, joins the nearest and that group splits.
    /// </summary>
    public IReadOnlySet<int> Join(Guid peer, NetworkProfile profile)
    {
        if (_groupOfPeer.ContainsKey(peer))
        {
            throw new InvalidOperationException($"Peer {peer} is already in this swarm.");
        }

        var changed = new HashSet<int>();
        Place(peer, profile, excluded: null, changed);
        return changed;
    }

    /// <summary>A peer leaves (FIG. 12); a group left below the minimum is dissolved into its neighbours.</summary>
    public IReadOnlySet<int> Leave(Guid peer)
    {
        var changed = new HashSet<int>();
        if (!_groupOfPeer.TryGetValue(peer, out var group))
        {
            return changed;
        }

        RemoveMember(group, peer);
        changed.Add(group.Id);
        DissolveIfTooSmall(group, changed);
        return changed;
    }

    /// <summary>
    /// Moves a peer that does poorly in its group (claim 14) to the nearest other group with room, if there is one;
    /// otherwise it stays, since a poor group beats none.
    /// </summary>
    public IReadOnlySet<int> Reassign(Guid peer)
    {
        var changed = new HashSet<int>();
        if (!_groupOfPeer.TryGetValue(peer, out var current))
        {
            return changed;
        }

        var profile = current.Members[peer];
        if (NearestWithRoom(profile, excluded: current.Id) is not { } target)
        {
            return changed;
        }

        RemoveMember(current, peer);
        AddMember(target, peer, profile);
        changed.Add(current.Id);
        changed.Add(target.Id);
        DissolveIfTooSmall(current, changed);
        return changed;
    }

    private void Place(Guid peer, NetworkProfile profile, int? excluded, HashSet<int> changed)
    {
        var nearestWithRoom = NearestWithRoom(profile, excluded);
        var nearestFull = NearestFull(profile, excluded);
        if (nearestWithRoom is not null && (nearestFull is null || IsCloseEnough(nearestWithRoom.TierTo(profile), nearestFull.TierTo(profile))))
        {
            AddMember(nearestWithRoom, peer, profile);
            changed.Add(nearestWithRoom.Id);
            return;
        }

        if (nearestFull is null)
        {
            var first = NewGroup();
            AddMember(first, peer, profile);
            changed.Add(first.Id);
            return;
        }

        if (!TryStartGroupWithBorrowedMembers(peer, profile, nearestFull, excluded, changed))
        {
            AddMember(nearestFull, peer, profile);
            changed.Add(nearestFull.Id);
            changed.Add(Split(nearestFull).Id);
        }
    }

    /// <summary>
    /// A group with room is close enough when no full group is nearer, or when it is inside the newcomer's own ISP
    /// anyway: within an ISP, segments already travel cheaply, and starting a new group for a nearer full one (by
    /// borrowing members) leaves more, smaller groups — each fetching every segment from the CDN once.
    /// </summary>
    private static bool IsCloseEnough(ProximityTier withRoom, ProximityTier full) =>
        withRoom <= full || withRoom <= ProximityTier.SameAsn;

    /// <summary>
    /// The groups nearest a newcomer are full. Rather than split one into two small halves, it starts a group of the
    /// target size with the members of nearby full groups that are closest to it, each donor giving only what keeps it
    /// at the target or above, so every group involved ends up with 8–10 members (defaults).
    /// </summary>
    private bool TryStartGroupWithBorrowedMembers(Guid peer, NetworkProfile profile, SwarmGroup nearestFull, int? excluded, HashSet<int> changed)
    {
        var spare = Policy.MaxSize - Policy.TargetSize;
        var needed = Policy.TargetSize - 1;
        if (spare <= 0)
        {
            return false;
        }

        var donors = FullGroupsNearest(profile, nearestFull, excluded).Take((needed + spare - 1) / spare).ToList();
        var borrowed = donors
            .SelectMany(donor => donor.Members
                .OrderBy(member => NetworkDistance.Between(member.Value, profile))
                .ThenBy(member => member.Key)
                .Take(spare)
                .Select(member => (Donor: donor, Peer: member.Key, Profile: member.Value)))
            .Take(needed)
            .ToList();
        if (borrowed.Count < Policy.MinSize - 1)
        {
            return false;
        }

        var group = NewGroup();
        foreach (var (donor, member, memberProfile) in borrowed)
        {
            RemoveMember(donor, member);
            AddMember(group, member, memberProfile);
            changed.Add(donor.Id);
        }

        AddMember(group, peer, profile);
        changed.Add(group.Id);
        return true;
    }

    private IEnumerable<SwarmGroup> FullGroupsNearest(NetworkProfile profile, SwarmGroup nearestFull, int? excluded)
    {
        var seen = new HashSet<int> { nearestFull.Id };
        yield return nearestFull;
        foreach (var candidates in _index.CandidatesByTier(profile))
        {
            foreach (var id in candidates.Order())
            {
                if (id != excluded && !_groupsWithRoom.Contains(id) && seen.Add(id))
                {
                    yield return _groups[id];
                }
            }
        }
    }

    private SwarmGroup? NearestWithRoom(NetworkProfile profile, int? excluded)
    {
        foreach (var candidates in _index.CandidatesByTier(profile))
        {
            var best = Smallest(candidates.Where(id => id != excluded && _groupsWithRoom.Contains(id)));
            if (best is not null)
            {
                return best;
            }
        }

        var roomy = _groupsWithRoom.Where(id => id != excluded).Take(RouteComparisonBudget).Select(id => _groups[id]).ToList();
        return roomy
            .OrderBy(group => group.TierTo(profile))
            .ThenBy(group => group.Count)
            .ThenBy(group => group.Id)
            .FirstOrDefault();
    }

    /// <summary>A full group is only worth splitting for a newcomer that is closer to it than to any group with room.</summary>
    private SwarmGroup? NearestFull(NetworkProfile profile, int? excluded)
    {
        foreach (var candidates in _index.CandidatesByTier(profile))
        {
            var full = candidates.Where(id => id != excluded && !_groupsWithRoom.Contains(id)).Select(id => _groups[id]);
            if (full.MinBy(group => group.Id) is { } group)
            {
                return group;
            }
        }

        return _groupsWithRoom.Count == 0
            ? _groups.Values.Where(group => group.Id != excluded).MinBy(group => group.Id)
            : null;
    }

    /// <summary>Among equally near groups with room the smallest gets the newcomer, so groups short of the target fill first.</summary>
    private SwarmGroup? Smallest(IEnumerable<int> ids) =>
        ids.Select(id => _groups[id]).OrderBy(group => group.Count).ThenBy(group => group.Id).FirstOrDefault();

    private SwarmGroup Split(SwarmGroup group)
    {
        var (_, moving) = GroupSplitter.Halves(group.Members, Policy.MinSize);
        var sibling = NewGroup();
        foreach (var peer in moving)
        {
            var profile = group.Members[peer];
            RemoveMember(group, peer);
            AddMember(sibling, peer, profile);
        }

        return sibling;
    }

    private void DissolveIfTooSmall(SwarmGroup group, HashSet<int> changed)
    {
        if (group.Count == 0)
        {
            DeleteGroup(group);
            return;
        }

        if (group.Count >= Policy.MinSize || _groups.Count == 1)
        {
            return;
        }

        var members = group.Members.ToList();
        foreach (var (peer, _) in members)
        {
            RemoveMember(group, peer);
        }

        DeleteGroup(group);
        foreach (var (peer, profile) in members)
        {
            Place(peer, profile, excluded: group.Id, changed);
        }
    }

    private SwarmGroup NewGroup()
    {
        var group = new SwarmGroup(_nextGroupId++);
        _groups.Add(group.Id, group);
        _groupsWithRoom.Add(group.Id);
        return group;
    }

    private void DeleteGroup(SwarmGroup group)
    {
        _groups.Remove(group.Id);
        _groupsWithRoom.Remove(group.Id);
    }

    private void AddMember(SwarmGroup group, Guid peer, NetworkProfile profile)
    {
        group.Add(peer, profile);
        _groupOfPeer[peer] = group;
        _index.Added(group, profile);
        UpdateRoom(group);
    }

    private void RemoveMember(SwarmGroup group, Guid peer)
    {
        var profile = group.Remove(peer);
        _groupOfPeer.Remove(peer);
        _index.Removed(group, profile);
        UpdateRoom(group);
    }

    private void UpdateRoom(SwarmGroup group)
    {
        if (group.Count < Policy.MaxSize)
        {
            _groupsWithRoom.Add(group.Id);
        }
        else
        {
            _groupsWithRoom.Remove(group.Id);
        }
    }
}
