using GridStream.Domain.Swarms;
using GridStream.Domain.Swarms.Playback;
using GridStream.Domain.Swarms.Protocol;

namespace GridStream.Benchmarks.Offload;

/// <summary>
/// One headless viewer on the simulated clock, doing what the agent's PlaybackLoop and ReportLoop do, with the same
/// Domain decisions: keep three segments buffered ahead of the playhead, plan four segments at a time through the hub,
/// let <see cref="SegmentAttempt"/> choose between the designated CDN fetch, asking ranked peers (404 while they don't
/// have it yet), waiting and falling back to the CDN; play through a <see cref="PlayoutBuffer"/>; report the
/// <see cref="NeighbourTally"/> every two seconds. Peer transfers share the sender's upload link and time out after
/// two seconds, as the agent's HTTP requests do.
/// </summary>
internal sealed class SimulatedViewer
{
    private const int BufferAheadSegments = 3;
    private const int PlanAhead = 4;
    private const int CachedSegments = 120;
    private const int PeerTimeoutMs = 2_000;
    private const int EndOfContentPollMs = 1_000;
    private const int ReportEveryMs = 2_000;

    private readonly EventLoop _loop;
    private readonly SimulatedSwarm _swarm;
    private readonly OffloadFigures _figures;
    private readonly Random _random;
    private readonly PlayoutBuffer _player = new(startupMs: 1);
    private readonly NeighbourTally _tally = new();
    private readonly HashSet<long> _held = [];
    private readonly Queue<long> _heldOrder = new();
    private readonly Dictionary<long, SegmentSources> _plans = [];
    private readonly HashSet<Guid> _known = [];
    private GroupView? _group;
    private bool _plansStale;
    private long _next;
    private SegmentAttempt? _attempt;
    private long _attemptStartedMs;
    private (long Cdn, long Peer, int Stalls) _reported;
    private (long Cdn, long Peer) _received;

    public SimulatedViewer(EventLoop loop, SimulatedSwarm swarm, OffloadFigures figures, NetworkProfile profile, Random random)
    {
        _loop = loop;
        _swarm = swarm;
        _figures = figures;
        _random = random;
        var id = new byte[16];
        random.NextBytes(id);
        PeerId = new Guid(id);
        Profile = profile;
        Link = new UploadLink(loop, profile.UpKbps);
    }

    /// <summary>From the seeded random, so that ties broken by peer id fall the same way on every run.</summary>
    public Guid PeerId { get; }
    public NetworkProfile Profile { get; }
    public UploadLink Link { get; }
    public bool Gone { get; private set; }
    public long JoinedAtMs { get; private set; }
    public long? StartedPlayingAtMs { get; private set; }
    public int Stalls => _player.Stalls;
    public long StalledMs => _player.StalledMs;

    public bool Holds(long sequence) => _held.Contains(sequence);

    public void Join()
    {
        JoinedAtMs = _loop.NowMs;
        _next = _swarm.Register(this);
        _loop.After(2 * SimulatedSwarm.HubOneWayMs, Continue);
        _loop.After(ReportEveryMs + _random.Next(ReportEveryMs), Report);
    }

    public void Leave()
    {
        _player.Advance(_loop.NowMs);
        Gone = true;
        _swarm.Withdraw(this);
        Link.AbortAll();
    }

    /// <summary>GroupChanged: plans already received may name fetchers who left; mates learn each other's address.</summary>
    public void GroupChanged(GroupView view)
    {
        _group = view;
        _plansStale = true;
        _known.UnionWith(view.Members.Where(member => member != PeerId));
    }

    private void Continue()
    {
        if (Gone || _attempt is not null)
        {
            return;
        }

        _player.Advance(_loop.NowMs);
        var targetMs = BufferAheadSegments * _swarm.Stream.SegmentMs;
        if (_player.BufferMs >= targetMs)
        {
            _loop.After(_player.BufferMs - targetMs + 1, Continue);
            return;
        }

        if (_plansStale)
        {
            _plansStale = false;
            _plans.Clear();
        }

        if (_plans.TryGetValue(_next, out var planned))
        {
            StartAttempt(planned);
            return;
        }

        _loop.After(2 * SimulatedSwarm.HubOneWayMs, () =>
        {
            if (Gone)
            {
                return;
            }

            var plan = _swarm.Plan(this, _next, PlanAhead);
            _plans.Clear();
            foreach (var segment in plan.Segments)
            {
                _plans[segment.Sequence] = segment;
            }

            if (plan.Segments.Count == 0)
            {
                // The live edge: the agent polls again in a second.
                _loop.After(EndOfContentPollMs, Continue);
                return;
            }

            StartAttempt(plan.Segments.MinBy(segment => segment.Sequence)!);
        });
    }

    private void StartAttempt(SegmentSources segment)
    {
        var policy = FetchPolicy.For(segment.DurationMs);
        _attempt = new SegmentAttempt(segment, policy, _random.Next(policy.MaxJitterMs + 1));
        _attemptStartedMs = _loop.NowMs;
        Step();
    }

    private void Step()
    {
        if (Gone || _attempt is not { } attempt)
        {
            return;
        }

        _player.Advance(_loop.NowMs);
        switch (attempt.Next(_known, _player.BufferMs, _player.HasStarted, _loop.NowMs - _attemptStartedMs))
        {
            case SourceChoice.TryPeer(var peer):
                AskPeer(attempt, peer);
                break;
            case SourceChoice.Wait(var delayMs):
                _loop.After(delayMs, Step);
                break;
            case SourceChoice.UseCdn(var reason):
                FetchFromCdn(attempt.Segment, reason);
                break;
        }
    }

    private void AskPeer(SegmentAttempt attempt, Guid peerId)
    {
        var segment = attempt.Segment;
        var peer = _swarm.Find(peerId);
        var rtt = peer is null ? 60 : Audience.RttMs(Profile, peer.Profile);
        var askedAtMs = _loop.NowMs;
        var settled = false;
        UploadLink.Transfer? transfer = null;

        void Fail()
        {
            if (settled || Gone)
            {
                return;
            }

            settled = true;
            _figures.PeerFailures++;
            _tally.Failed(peerId);
            attempt.Refuse(peerId);
            Step();
        }

        _loop.After(rtt / 2, () =>
        {
            if (settled || Gone)
            {
                return;
            }

            if (peer is null || peer.Gone)
            {
                _loop.After(rtt / 2, Fail); // connection refused
                return;
            }

            var bytes = _swarm.Stream.BytesOf(segment.Sequence);
            var slots = UploadSlots.For(peer.Profile.UpKbps, UploadSlots.StreamKbpsOf(bytes, segment.DurationMs));
            if (!peer.Holds(segment.Sequence) || peer.Link.ActiveUploads >= slots)
            {
                _loop.After(rtt / 2, () =>
                {
                    if (!settled && !Gone)
                    {
                        settled = true;
                        Step(); // 404 (not yet) or 503 (every upload slot taken): ask the next one
                    }
                });
                return;
            }

            transfer = peer.Link.Start(bytes, Profile.DownKbps,
                done: () => _loop.After(rtt / 2, () =>
                {
                    if (settled || Gone)
                    {
                        return;
                    }

                    settled = true;
                    _tally.Served(peerId, bytes, _loop.NowMs - askedAtMs, rtt);
                    _figures.AddPeerBytes(_loop.NowMs, bytes);
                    _received.Peer += bytes;
                    Complete(segment);
                }),
                cut: Fail);
        });

        _loop.After(PeerTimeoutMs, () =>
        {
            if (!settled && transfer is not null && peer is not null)
            {
                peer.Link.Abort(transfer);
            }

            Fail();
        });
    }

    private void FetchFromCdn(SegmentSources segment, CdnReason reason)
    {
        var bytes = _swarm.Stream.BytesOf(segment.Sequence);
        var transferMs = Audience.CdnRttMs + bytes * 8 / Profile.DownKbps;
        _loop.After(transferMs, () =>
        {
            if (Gone)
            {
                return;
            }

            _figures.AddCdnBytes(_loop.NowMs, bytes, reason);
            _received.Cdn += bytes;
            Complete(segment);
        });
    }

    private void Complete(SegmentSources segment)
    {
        if (_held.Add(segment.Sequence))
        {
            _heldOrder.Enqueue(segment.Sequence);
            while (_held.Count > CachedSegments)
            {
                _held.Remove(_heldOrder.Dequeue());
            }
        }

        _player.Advance(_loop.NowMs);
        _player.Append(segment.DurationMs);
        StartedPlayingAtMs ??= _loop.NowMs;
        _plans.Remove(segment.Sequence);
        _next = segment.Sequence + 1;
        _attempt = null;
        Continue();
    }

    private void Report()
    {
        if (Gone)
        {
            return;
        }

        _player.Advance(_loop.NowMs);
        var mates = (_group?.Members ?? []).Where(member => member != PeerId).ToHashSet();
        var report = new PeerReport(_tally.Drain(mates), _player.BufferMs, _player.Stalls - _reported.Stalls,
            _received.Cdn - _reported.Cdn, _received.Peer - _reported.Peer, Link.ActiveUploads);
        _swarm.Report(this, report);
        _reported = (_received.Cdn, _received.Peer, _player.Stalls);
        _loop.After(ReportEveryMs, Report);
    }
}
