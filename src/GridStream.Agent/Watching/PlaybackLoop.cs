using GridStream.Agent.Cli;
using GridStream.Agent.Connection;
using GridStream.Agent.Peering;
using GridStream.Domain.Swarms.Playback;
using GridStream.Domain.Swarms.Protocol;

namespace GridStream.Agent.Watching;

/// <summary>
/// Plays like a player: keeps a few segments buffered ahead of a playhead that moves in (media) real time, and gets
/// each next segment where the source plan says — from the CDN when designated, otherwise from the ranked peers,
/// falling back to the CDN when they don't have it in time (DESIGN §5). Nothing counts before its hash matches.
/// </summary>
internal sealed class PlaybackLoop(
    AgentSettings settings, PeerHubLink hub, RegistrationGate registered, PeerDirectory directory, SegmentCache cache, UploadGate uploads,
    SegmentDownloader downloader, ViewingState state, PlaybackPass pass)
{
    /// <summary>How long a failed hub call may take to show itself as a dropped connection before it counts as a failure.</summary>
    private static readonly TimeSpan DropPatience = TimeSpan.FromSeconds(2);

    /// <summary>Segments planned per request: enough to save round trips, few enough that plans follow group changes.</summary>
    private const int PlanAhead = 4;

    private static readonly TimeSpan PeerTimeout = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan CdnTimeout = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan CdnRetryPause = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan EndOfContentPoll = TimeSpan.FromSeconds(1);

    private readonly Dictionary<long, SegmentSources> _plans = [];
    private volatile bool _plansAreStale;
    private int _segmentDurationMs = 2_000;

    /// <summary>The group changed: the fetchers in plans already received may have left.</summary>
    public void GroupChanged() => _plansAreStale = true;

    public async Task RunAsync(long firstSequence, CancellationToken cancellationToken)
    {
        var next = firstSequence;
        while (!cancellationToken.IsCancellationRequested)
        {
            var (bufferMs, _) = state.Player();
            var targetMs = settings.BufferAheadSegments * _segmentDurationMs;
            if (bufferMs >= targetMs)
            {
                await Task.Delay(state.RealTimeFor(bufferMs - targetMs + 1), cancellationToken).ConfigureAwait(false);
                continue;
            }

            if (await PlanForAsync(next, cancellationToken).ConfigureAwait(false) is not { } segment)
            {
                state.ReachedTheEnd();
                await Task.Delay(EndOfContentPoll, cancellationToken).ConfigureAwait(false);
                continue;
            }

            var bytes = await ObtainAsync(segment, cancellationToken).ConfigureAwait(false);
            cache.Add(new SegmentKey(settings.Watching.ContentId, settings.Watching.Rendition, segment.Sequence), bytes);
            uploads.Observed(bytes.Length, segment.DurationMs);
            state.Played(segment.DurationMs);
            _segmentDurationMs = Math.Max(1, segment.DurationMs);
            _plans.Remove(segment.Sequence);
            next = segment.Sequence + 1;
        }
    }

    private async Task<SegmentSources?> PlanForAsync(long sequence, CancellationToken cancellationToken)
    {
        if (_plansAreStale)
        {
            _plansAreStale = false;
            _plans.Clear();
        }

        if (_plans.TryGetValue(sequence, out var planned))
        {
            return planned;
        }

        var plan = await RequestSourcesAsync(sequence, cancellationToken).ConfigureAwait(false);
        _plans.Clear();
        foreach (var segment in plan.Segments)
        {
            _plans[segment.Sequence] = segment;
        }

        // A live window may have moved past the sequence asked for: carry on from the oldest segment still offered.
        return plan.Segments.Count == 0 ? null : plan.Segments.MinBy(segment => segment.Sequence);
    }

    /// <summary>Asks the hub for plans; while the connection is dropped and the agent registers again, waits and asks again.</summary>
    private async Task<SourcePlan> RequestSourcesAsync(long sequence, CancellationToken cancellationToken)
    {
        while (true)
        {
            await registered.WhenOpenAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                return await hub.RequestSourcesAsync(sequence, PlanAhead, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is AgentFailure or InvalidOperationException or OperationCanceledException
                && !cancellationToken.IsCancellationRequested)
            {
                // A call cut off by a dropped connection fails a moment before the gate closes; anything else is real.
                if (!await GateClosesAsync(cancellationToken).ConfigureAwait(false))
                {
                    throw;
                }
            }
        }
    }

    private async Task<bool> GateClosesAsync(CancellationToken cancellationToken)
    {
        var waited = TimeSpan.Zero;
        var step = TimeSpan.FromMilliseconds(50);
        while (registered.IsOpen && waited < DropPatience)
        {
            await Task.Delay(step, cancellationToken).ConfigureAwait(false);
            waited += step;
        }

        return !registered.IsOpen;
    }

    private async Task<byte[]> ObtainAsync(SegmentSources segment, CancellationToken cancellationToken)
    {
        if (!segment.FetchFromCdn && !directory.Knows(segment.DesignatedFetcher))
        {
            state.DesignatedFetcherUnreachable();
        }

        var policy = FetchPolicy.For(segment.DurationMs);
        var attempt = new SegmentAttempt(segment, policy, Random.Shared.Next(policy.MaxJitterMs + 1));
        var startedMs = state.MediaNowMs;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var (bufferMs, started) = state.Player();
            switch (attempt.Next(directory.Reachable(), bufferMs, started, state.MediaNowMs - startedMs))
            {
                case SourceChoice.TryPeer(var peer):
                    if (await FromPeerAsync(peer, segment, attempt, cancellationToken).ConfigureAwait(false) is { } bytes)
                    {
                        return bytes;
                    }

                    break;
                case SourceChoice.Wait(var delayMs):
                    await Task.Delay(state.RealTimeFor(delayMs), cancellationToken).ConfigureAwait(false);
                    break;
                default:
                    return await FromCdnAsync(segment, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private async Task<byte[]?> FromPeerAsync(Guid peer, SegmentSources segment, SegmentAttempt attempt, CancellationToken cancellationToken)
    {
        if (directory.EndpointOf(peer) is not { } endpoint)
        {
            return null;
        }

        var key = new SegmentKey(settings.Watching.ContentId, settings.Watching.Rendition, segment.Sequence);
        var download = await downloader.GetAsync(new Uri(endpoint, key.Path), segment.Sha256, PeerTimeout, cancellationToken).ConfigureAwait(false);
        switch (download.Outcome)
        {
            case DownloadOutcome.Verified:
                state.FromPeer(peer, download);
                return download.Bytes;
            case DownloadOutcome.BadHash:
                state.PeerServedBadSegment(peer);
                directory.Distrust(peer);
                attempt.Refuse(peer);
                return null;
            case DownloadOutcome.Failed:
                state.PeerFailed(peer);
                attempt.Refuse(peer);
                return null;
            default:
                // Not held yet, or every upload slot busy: the attempt asks the next mate, then this one again later.
                return null;
        }
    }

    private async Task<byte[]> FromCdnAsync(SegmentSources segment, CancellationToken cancellationToken)
    {
        while (true)
        {
            // Only the origin gets the token: a peer has no use for it, and one that kept it could fetch for 10 minutes on our license.
            var url = await pass.OriginUrlAsync(segment.Url, cancellationToken).ConfigureAwait(false);
            var download = await downloader.GetAsync(url, segment.Sha256, CdnTimeout, cancellationToken).ConfigureAwait(false);
            if (download.Outcome == DownloadOutcome.Verified)
            {
                state.FromCdn(download.Bytes!.Length, segment.FetchFromCdn);
                return download.Bytes;
            }

            // The origin is the last resort: keep trying it while the player waits.
            await Task.Delay(CdnRetryPause, cancellationToken).ConfigureAwait(false);
        }
    }
}
