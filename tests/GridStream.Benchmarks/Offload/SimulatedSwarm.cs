using GridStream.Domain.Swarms;
using GridStream.Domain.Swarms.Protocol;
using GridStream.Server.Peers;

namespace GridStream.Benchmarks.Offload;

/// <summary>
/// The hub's side of the simulation: the server's own <see cref="SwarmRegistry"/> (grouping, fetcher rotation, source
/// ranking, QoS from reports, reassignment) behind the same calls the hub makes, with group changes pushed to the
/// members after a one-way network delay.
/// </summary>
internal sealed class SimulatedSwarm(EventLoop loop, LiveStream stream, GroupPolicy policy, OffloadFigures figures)
{
    public const int HubOneWayMs = 15;

    public static readonly ContentRendition Watching = new(Guid.Parse("0d3e0000-0000-4000-8000-000000000002"), "640x360");

    private readonly SwarmRegistry _registry = new(policy);
    private readonly Dictionary<Guid, SimulatedViewer> _byPeer = [];
    private readonly Dictionary<string, SimulatedViewer> _byConnection = [];
    private readonly Guid _account = Guid.NewGuid();

    public LiveStream Stream => stream;
    public IReadOnlyCollection<SimulatedViewer> Viewers => _byPeer.Values;

    public SimulatedViewer? Find(Guid peer) => _byPeer.GetValueOrDefault(peer);

    /// <summary>Register (FIG. 11): where the newcomer starts, as the server tells it.</summary>
    public long Register(SimulatedViewer viewer)
    {
        var connection = viewer.PeerId.ToString("N");
        _byPeer.Add(viewer.PeerId, viewer);
        _byConnection.Add(connection, viewer);
        var (group, notices) = _registry.Register(
            new PeerSession(viewer.PeerId, connection, _account, viewer.Profile, Watching, [], computeEnabled: false), stream.BitrateKbps);
        viewer.GroupChanged(group);
        Deliver(notices);
        return stream.StartSequence(loop.NowMs);
    }

    public SourcePlan Plan(SimulatedViewer viewer, long fromSequence, int count) =>
        _registry.PlanSources(viewer.PeerId, stream.Segments(loop.NowMs, fromSequence, count));

    public void Report(SimulatedViewer viewer, PeerReport report)
    {
        ReportOutcome outcome;
        try
        {
            outcome = _registry.ApplyReport(viewer.PeerId, report);
        }
        catch (PeerProtocolException)
        {
            // As the agent does when a neighbour has just left its group: the figures go again without neighbour lines.
            outcome = _registry.ApplyReport(viewer.PeerId, report with { Neighbours = [] });
        }

        Deliver(outcome.Notices);
    }

    public void Withdraw(SimulatedViewer viewer)
    {
        _byPeer.Remove(viewer.PeerId);
        _byConnection.Remove(viewer.PeerId.ToString("N"));
        Deliver(_registry.Withdraw(viewer.PeerId));
    }

    /// <summary>Viewers and groups right now: each group fetches every segment from the CDN once, so 1 − groups / viewers is the ceiling.</summary>
    public (int Viewers, int Groups, IReadOnlyList<int> Sizes) Shape()
    {
        var sizes = _registry.Summaries().SelectMany(summary => summary.GroupSizes).ToList();
        return (sizes.Sum(), sizes.Count, sizes);
    }

    private void Deliver(IReadOnlyList<GroupNotice> notices)
    {
        figures.GroupNotices += notices.Count;
        foreach (var notice in notices)
        {
            loop.After(HubOneWayMs, () =>
            {
                if (_byConnection.TryGetValue(notice.ConnectionId, out var member))
                {
                    member.GroupChanged(notice.View);
                }
            });
        }
    }
}
