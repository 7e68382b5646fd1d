using System.Collections.Concurrent;
using GridStream.Domain.Swarms;
using GridStream.Domain.Swarms.Protocol;

namespace GridStream.Server.Peers;

/// <summary>A member's new view of its group, to be pushed to its connection; a higher version is a newer view.</summary>
internal sealed record GroupNotice(string ConnectionId, GroupView View, long Version);

/// <summary>
/// The swarm manager's in-memory state: peers, their swarms and groups (FIG. 11–14). One lock guards it all: every
/// operation is a handful of dictionary updates, far shorter than the network round trip that caused it.
/// </summary>
internal sealed class SwarmRegistry(GroupPolicy policy)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<ContentRendition, SwarmState> _swarms = [];
    private readonly Dictionary<Guid, PeerSession> _peers = [];
    // Written under the gate, read without it: every hub call looks up its caller, and that must not queue behind joins.
    private readonly ConcurrentDictionary<string, Guid> _peerByConnection = new();
    private long _version;

    public int PeerCount
    {
        get { lock (_gate) { return _peers.Count; } }
    }

    public Guid? PeerOf(string connectionId) => _peerByConnection.TryGetValue(connectionId, out var peer) ? peer : null;

    public PeerSession? Session(Guid peer)
    {
        lock (_gate)
        {
            return _peers.GetValueOrDefault(peer);
        }
    }

    /// <summary>
    /// Adds the peer to the swarm it watches and to those of the items it holds (FIG. 11). <paramref name="streamKbps"/>
    /// is the watched rendition's bitrate when known.
    /// </summary>
    public (GroupView Group, IReadOnlyList<GroupNotice> Notices) Register(PeerSession session, long streamKbps = 0)
    {
        lock (_gate)
        {
            if (_peerByConnection.ContainsKey(session.ConnectionId))
            {
                throw new PeerProtocolException("This connection has registered already; withdraw first to register again.");
            }

            _peers.Add(session.PeerId, session);
            _peerByConnection[session.ConnectionId] = session.PeerId;
            var notices = new List<GroupNotice>();
            foreach (var swarm in session.AllSwarms)
            {
                var state = SwarmFor(swarm);
                if (swarm == session.Watching && streamKbps > 0)
                {
                    state.StreamKbps = streamKbps;
                }

                Collect(swarm, state, state.Partition.Join(session.PeerId, session.Profile), notices);
            }

            return (ViewOf(session.Watching, session.PeerId)!, notices);
        }
    }

    /// <summary>Removes the peer everywhere (FIG. 12) and rebalances the groups it left.</summary>
    public IReadOnlyList<GroupNotice> Withdraw(Guid peer)
    {
        lock (_gate)
        {
            return WithdrawLocked(peer);
        }
    }

    public GroupView? ViewOf(ContentRendition swarm, Guid peer)
    {
        lock (_gate)
        {
            if (!_swarms.TryGetValue(swarm, out var state) || state.Partition.GroupOf(peer) is not { } group)
            {
                return null;
            }

            return new GroupView(swarm.ContentId, swarm.Rendition, group.Id, group.Members.Keys.Order().ToList());
        }
    }

    /// <summary>True when both peers are in the same group of the swarm the sender watches.</summary>
    public bool AreGroupMates(Guid peer, Guid other)
    {
        lock (_gate)
        {
            return AreGroupMatesLocked(peer, other);
        }
    }

    /// <summary>Client-block pairs for the requester's next segments (FIG. 13; FIG. 3–9 leapfrog).</summary>
    public SourcePlan PlanSources(Guid peer, IReadOnlyList<ManifestEntry> segments)
    {
        lock (_gate)
        {
            var session = _peers.GetValueOrDefault(peer) ?? throw new PeerProtocolException("Register before asking for sources.");
            var state = _swarms[session.Watching];
            var group = state.Partition.GroupOf(peer)!;
            var ranked = SourcePlanner.Rank(peer, session.Profile, session.Transports, group.Members
                .Select(member => new SourceCandidate(member.Key, member.Value, state.QualityOf(member.Key), UploadsOf(member.Key), TransportsOf(member.Key))));
            var candidates = state.FetcherCandidates(group, TransportsOf);
            var planned = segments.Select(segment =>
            {
                var plan = SourcePlanner.Plan(segment.Sequence, state.FetcherFor(group, segment.Sequence, peer, candidates), peer, ranked);
                return new SegmentSources(segment.Sequence, segment.DurationMs, segment.Url, segment.Sha256Hex,
                    plan.DesignatedFetcher, plan.RequesterFetchesFromCdn, plan.RankedSources);
            }).ToList();
            return new SourcePlan(session.Watching.ContentId, session.Watching.Rendition, planned);
        }
    }

    /// <summary>
    /// Folds a report into what the swarm knows (FIG. 14). A neighbour that served bad segments too often is removed
    /// from the swarm; one that has become unreliable is moved to another group.
    /// </summary>
    public ReportOutcome ApplyReport(Guid reporter, PeerReport report)
    {
        lock (_gate)
        {
            var session = _peers.GetValueOrDefault(reporter) ?? throw new PeerProtocolException("Register before reporting.");
            var strangers = report.Neighbours.Where(n => !AreGroupMatesLocked(reporter, n.Peer)).Select(n => n.Peer).ToList();
            if (strangers.Count > 0)
            {
                throw new PeerProtocolException($"Reports may only cover members of your group; not: {string.Join(", ", strangers)}.");
            }

            session.CdnBytes += report.CdnBytes;
            session.PeerBytes += report.PeerBytes;
            session.Stalls += report.Stalls;
            session.BufferMs = report.BufferMs;
            session.ActiveUploads = report.ActiveUploads;

            var state = _swarms[session.Watching];
            var removed = new List<PeerSession>();
            var notices = new List<GroupNotice>();
            foreach (var neighbour in report.Neighbours)
            {
                var before = state.QualityOf(neighbour.Peer);
                var quality = before.WithReport(
                    neighbour.RateKbps, neighbour.RttMs, neighbour.Successes, neighbour.Failures, neighbour.BadSegments);
                state.Quality[neighbour.Peer] = quality;
                if (quality.ShouldBeRemoved && _peers.TryGetValue(neighbour.Peer, out var liar))
                {
                    removed.Add(liar);
                }
                else if (quality.IsDegraded && !before.IsDegraded)
                {
                    // Only on becoming degraded: moving it on every later report would bounce it between groups.
                    Collect(session.Watching, state, state.Partition.Reassign(neighbour.Peer), notices);
                }
            }

            foreach (var liar in removed)
            {
                notices.AddRange(WithdrawLocked(liar.PeerId));
            }

            return new ReportOutcome(removed.Select(peer => peer.ConnectionId).ToList(), notices);
        }
    }

    /// <summary>Each swarm's groups and the totals its watching peers reported (FIG. 14), for dashboards.</summary>
    public IReadOnlyList<SwarmSummary> Summaries()
    {
        lock (_gate)
        {
            return _swarms.Select(pair =>
            {
                var watchers = pair.Value.Partition.Groups.SelectMany(group => group.Members.Keys)
                    .Select(peer => _peers[peer])
                    .Where(peer => peer.Watching == pair.Key)
                    .ToList();
                return new SwarmSummary(
                    pair.Key,
                    pair.Value.Partition.Groups.Select(group => group.Count).Order().ToList(),
                    watchers.Sum(peer => peer.CdnBytes),
                    watchers.Sum(peer => peer.PeerBytes),
                    watchers.Sum(peer => peer.Stalls));
            }).ToList();
        }
    }

    private IReadOnlyList<GroupNotice> WithdrawLocked(Guid peer)
    {
        if (!_peers.Remove(peer, out var session))
        {
            return [];
        }

        _peerByConnection.TryRemove(session.ConnectionId, out _);
        var notices = new List<GroupNotice>();
        foreach (var swarm in session.AllSwarms)
        {
            if (!_swarms.TryGetValue(swarm, out var state))
            {
                continue;
            }

            state.Forget(peer);
            Collect(swarm, state, state.Partition.Leave(peer), notices);
            if (state.Partition.PeerCount == 0)
            {
                _swarms.Remove(swarm);
            }
        }

        return notices;
    }

    private int UploadsOf(Guid peer) => _peers.TryGetValue(peer, out var session) ? session.ActiveUploads : 0;

    private PeerTransports TransportsOf(Guid peer) => _peers.TryGetValue(peer, out var session) ? session.Transports : PeerTransports.Agent;

    private bool AreGroupMatesLocked(Guid peer, Guid other) =>
        peer != other
        && _peers.TryGetValue(peer, out var session)
        && _swarms.TryGetValue(session.Watching, out var state)
        && state.Partition.GroupOf(peer) is { } group
        && group.Members.ContainsKey(other);

    private SwarmState SwarmFor(ContentRendition swarm)
    {
        if (!_swarms.TryGetValue(swarm, out var state))
        {
            _swarms[swarm] = state = new SwarmState(policy);
        }

        return state;
    }

    private void Collect(ContentRendition swarm, SwarmState state, IReadOnlySet<int> changedGroups, List<GroupNotice> notices)
    {
        state.PruneSchedules();
        foreach (var groupId in changedGroups)
        {
            if (state.Partition.FindGroup(groupId) is not { } group)
            {
                continue;
            }

            var view = new GroupView(swarm.ContentId, swarm.Rendition, group.Id, group.Members.Keys.Order().ToList());
            var version = ++_version;
            notices.AddRange(group.Members.Keys
                .Where(_peers.ContainsKey)
                .Select(member => new GroupNotice(_peers[member].ConnectionId, view, version)));
        }
    }
}

internal sealed record ReportOutcome(IReadOnlyList<string> RemovedConnections, IReadOnlyList<GroupNotice> Notices);

internal sealed record SwarmSummary(ContentRendition Swarm, IReadOnlyList<int> GroupSizes, long CdnBytes, long PeerBytes, int Stalls)
{
    public int Peers => GroupSizes.Sum();
}

/// <summary>A request that breaks the peer protocol; its message goes back to the client as the hub error.</summary>
internal sealed class PeerProtocolException(string message) : Exception(message);
