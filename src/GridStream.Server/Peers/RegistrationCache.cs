using System.Collections.Concurrent;
using GridStream.Domain.Swarms.Protocol;
using GridStream.Server.Data;
using Microsoft.EntityFrameworkCore;

namespace GridStream.Server.Peers;

/// <summary>
/// What every registration for a swarm asks the database — is the rendition watchable, where does a newcomer start,
/// what is that first segment — changes at most once a segment. Viewers arrive in bursts (a stream starts, a link is
/// shared), so the answers are kept for a second: a burst costs one round of queries per swarm instead of one per viewer.
/// Only positive answers are kept, so content that was just published is watchable at once.
/// </summary>
internal sealed class RegistrationCache(TimeProvider clock)
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(1);

    private readonly ConcurrentDictionary<ContentRendition, (DateTimeOffset At, StartingPoint Start)> _entries = new();

    public async Task<StartingPoint?> StartingPointAsync(GridStreamDbContext db, ContentRendition swarm, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        if (_entries.TryGetValue(swarm, out var cached) && now - cached.At < Lifetime)
        {
            return cached.Start;
        }

        if (!await ManifestQuery.IsWatchableAsync(db, swarm, cancellationToken).ConfigureAwait(false))
        {
            _entries.TryRemove(swarm, out _);
            return null;
        }

        var sequence = await ManifestQuery.StartSequenceAsync(db, swarm, cancellationToken).ConfigureAwait(false);
        var segments = await ManifestQuery.SegmentsAsync(db, swarm, sequence, count: 1, cancellationToken).ConfigureAwait(false);
        var price = await db.ContentItems.Where(c => c.Id == swarm.ContentId).Select(c => c.PriceMicroCredits)
            .SingleAsync(cancellationToken).ConfigureAwait(false);
        var start = new StartingPoint(segments, price);
        _entries[swarm] = (now, start);
        return start;
    }
}

/// <summary>Where a newcomer to a swarm starts (FIG. 2: the initial segment to pre-fetch), and whether watching needs a playback token.</summary>
internal sealed record StartingPoint(IReadOnlyList<ManifestEntry> FirstSegments, long PriceMicroCredits);
