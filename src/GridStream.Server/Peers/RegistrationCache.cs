using System.Collections.Concurrent;
using GridStream.Domain.Swarms.Protocol;
using GridStream.Server.Data;
using Microsoft.EntityFrameworkCore;

namespace GridStream.Server.Peers;

/// <summary>
/// What every registration for a swarm asks the database — is the rendition watchable, where does a newcomer start,
/// what is that first segment — changes at most once a segment. Viewers arrive in bursts (a stream starts, a link is
/// shared), so the answers are kept for a second, and the registrations that arrive while they are being read wait
/// for that one read instead of starting their own: a burst costs one round of queries per swarm, not one per viewer.
/// Only positive answers are kept, so content that was just published is watchable at once.
/// </summary>
internal sealed class RegistrationCache(TimeProvider clock, IServiceScopeFactory scopes)
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(1);

    private readonly ConcurrentDictionary<ContentRendition, Entry> _entries = new();

    public async Task<StartingPoint?> StartingPointAsync(ContentRendition swarm, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var entry = _entries.AddOrUpdate(
            swarm,
            _ => NewEntry(swarm, now),
            (_, existing) => now - existing.ReadAt < Lifetime ? existing : NewEntry(swarm, now));
        StartingPoint? start;
        try
        {
            // Not cancelled with this caller: others may be waiting on the same read.
            start = await entry.Read.Value.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            _entries.TryRemove(new KeyValuePair<ContentRendition, Entry>(swarm, entry));
            throw;
        }

        if (start is null)
        {
            _entries.TryRemove(new KeyValuePair<ContentRendition, Entry>(swarm, entry));
        }

        return start;
    }

    private Entry NewEntry(ContentRendition swarm, DateTimeOffset now) => new(now, new Lazy<Task<StartingPoint?>>(() => ReadAsync(swarm)));

    private async Task<StartingPoint?> ReadAsync(ContentRendition swarm)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GridStreamDbContext>();
        if (!await ManifestQuery.IsWatchableAsync(db, swarm, CancellationToken.None).ConfigureAwait(false))
        {
            return null;
        }

        var (sequence, streamKbps) = await ManifestQuery.StartAsync(db, swarm, CancellationToken.None).ConfigureAwait(false);
        var segments = await ManifestQuery.SegmentsAsync(db, swarm, sequence, count: 1, CancellationToken.None).ConfigureAwait(false);
        var price = await db.ContentItems.Where(c => c.Id == swarm.ContentId).Select(c => c.PriceMicroCredits)
            .SingleAsync(CancellationToken.None).ConfigureAwait(false);
        return new StartingPoint(segments, streamKbps, price);
    }

    private sealed record Entry(DateTimeOffset ReadAt, Lazy<Task<StartingPoint?>> Read);
}

/// <summary>
/// Where a newcomer to a swarm starts (FIG. 2: the initial segment to pre-fetch), the rendition's bitrate (0 if
/// unknown), and its price (not zero: watching needs a playback token).
/// </summary>
internal sealed record StartingPoint(IReadOnlyList<ManifestEntry> FirstSegments, long StreamKbps, long PriceMicroCredits);
