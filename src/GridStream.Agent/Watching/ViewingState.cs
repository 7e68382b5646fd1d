using System.Diagnostics;
using GridStream.Domain.Swarms.Playback;
using GridStream.Domain.Swarms.Protocol;

namespace GridStream.Agent.Watching;

/// <summary>
/// What the playback loop and the report loop share: the simulated player, the neighbour tally and the running
/// figures, behind one lock. Media time is real time times the speed factor.
/// </summary>
internal sealed class ViewingState(double speed)
{
    private readonly Lock _gate = new();
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly PlayoutBuffer _player = new(startupMs: 1);
    private readonly NeighbourTally _tally = new();
    private ViewingFigures _figures = ViewingFigures.None;
    private ViewingFigures _reported = ViewingFigures.None;

    public long MediaNowMs => (long)(_clock.ElapsedMilliseconds * speed);

    public TimeSpan RealTimeFor(long mediaMs) => TimeSpan.FromMilliseconds(Math.Max(1, mediaMs / speed));

    public ViewingFigures Figures
    {
        get { lock (_gate) { return _figures with { Stalls = _player.Stalls, StalledMs = _player.StalledMs }; } }
    }

    /// <summary>The player's state now: buffered media ahead of the playhead, and whether playback has begun.</summary>
    public (int BufferMs, bool Started) Player()
    {
        lock (_gate)
        {
            _player.Advance(MediaNowMs);
            return (_player.BufferMs, _player.HasStarted);
        }
    }

    public void Played(int durationMs)
    {
        lock (_gate)
        {
            _player.Advance(MediaNowMs);
            _player.Append(durationMs);
        }
    }

    public void ReachedTheEnd()
    {
        lock (_gate)
        {
            _player.MarkEnded();
        }
    }

    public void FromPeer(Guid peer, Download download)
    {
        lock (_gate)
        {
            _tally.Served(peer, download.Bytes!.Length, download.TransferMs, download.RttMs);
            _figures = _figures with { PeerBytes = _figures.PeerBytes + download.Bytes.Length, Segments = _figures.Segments + 1 };
        }
    }

    public void FromCdn(long bytes, bool designated)
    {
        lock (_gate)
        {
            _figures = _figures with
            {
                CdnBytes = _figures.CdnBytes + bytes,
                Segments = _figures.Segments + 1,
                CdnFallbacks = _figures.CdnFallbacks + (designated ? 0 : 1),
            };
        }
    }

    /// <summary>The plan named a designated fetcher this agent cannot reach.</summary>
    public void DesignatedFetcherUnreachable()
    {
        lock (_gate)
        {
            _figures = _figures with { UnreachableFetchers = _figures.UnreachableFetchers + 1 };
        }
    }

    public void PeerFailed(Guid peer)
    {
        lock (_gate)
        {
            _tally.Failed(peer);
        }
    }

    public void PeerServedBadSegment(Guid peer)
    {
        lock (_gate)
        {
            _tally.ServedBadSegment(peer);
            _figures = _figures with { BadSegments = _figures.BadSegments + 1 };
        }
    }

    /// <summary>Everything since the last report that was accepted (FIG. 14); stalls and bytes are deltas, the buffer is now.</summary>
    public PeerReport NextReport(IReadOnlySet<Guid> groupMates)
    {
        lock (_gate)
        {
            _player.Advance(MediaNowMs);
            var now = _figures with { Stalls = _player.Stalls };
            return new PeerReport(
                _tally.Drain(groupMates),
                _player.BufferMs,
                now.Stalls - _reported.Stalls,
                now.CdnBytes - _reported.CdnBytes,
                now.PeerBytes - _reported.PeerBytes);
        }
    }

    /// <summary>The report went through: the next one starts counting from here.</summary>
    public void Reported(PeerReport report)
    {
        lock (_gate)
        {
            _reported = _reported with
            {
                Stalls = _reported.Stalls + report.Stalls,
                CdnBytes = _reported.CdnBytes + report.CdnBytes,
                PeerBytes = _reported.PeerBytes + report.PeerBytes,
            };
        }
    }
}
