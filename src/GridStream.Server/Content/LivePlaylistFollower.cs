using System.Collections.Concurrent;
using GridStream.Domain.Content;
using GridStream.Server.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace GridStream.Server.Content;

/// <summary>
/// Keeps the manifests of live renditions growing: re-reads each live media playlist about once per target duration
/// and appends the segments that appeared, until the playlist ends. Failures are logged and retried with back-off.
/// <para>
/// With several server nodes exactly one follows a rendition. It holds a session-level <c>pg_try_advisory_lock</c>
/// keyed by the rendition id on a connection of its own for as long as it follows. Chosen over a lease column because
/// PostgreSQL frees the lock the moment that node or its connection dies, so there is no lease length to tune, no
/// renewal writes, no schema change and no window where two nodes both think they own it. The price is one open
/// connection per followed rendition, which is fine for the handful of live streams a deployment carries.
/// </para>
/// </summary>
internal sealed class LivePlaylistFollower(
    IServiceScopeFactory scopes, NpgsqlDataSource dataSource, TimeProvider clock, ILogger<LivePlaylistFollower> logger) : BackgroundService
{
    private static readonly TimeSpan DiscoveryInterval = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan MinimumInterval = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan MaximumBackOff = TimeSpan.FromSeconds(60);

    /// <summary>Enough history for <see cref="LivePlaylistWindow"/> to recognise a window that moved backwards.</summary>
    private const int KnownSegmentsKept = 1_000;

    private readonly ConcurrentDictionary<Guid, Task> following = new();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await StartFollowingNewRenditionsAsync(stoppingToken).ConfigureAwait(false);
                await Task.Delay(DiscoveryInterval, clock, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception problem)
            {
                logger.LogWarning(problem, "Could not look for live renditions to follow; trying again shortly");
                await Task.Delay(DiscoveryInterval, clock, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }

        await Task.WhenAll(following.Values).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    private async Task StartFollowingNewRenditionsAsync(CancellationToken stoppingToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GridStreamDbContext>();
        var live = await db.Renditions.AsNoTracking()
            .Where(r => r.IsLive && !r.HasEnded && r.ContentItem!.DeletedAt == null && r.ContentItem.ManifestState == ManifestState.Ready)
            .Select(r => r.Id)
            .ToListAsync(stoppingToken).ConfigureAwait(false);
        foreach (var renditionId in live.Where(id => !following.ContainsKey(id)))
        {
            // The task removes itself when done; it may only start once it is in the dictionary, or a quick finish
            // (another node holds the lock) would leave a finished task there and the rendition never tried again.
            var registered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            following[renditionId] = Task.Run(
                async () =>
                {
                    await registered.Task.ConfigureAwait(false);
                    try
                    {
                        await FollowIfNobodyElseDoesAsync(renditionId, stoppingToken).ConfigureAwait(false);
                    }
                    finally
                    {
                        following.TryRemove(renditionId, out _);
                    }
                },
                CancellationToken.None);
            registered.SetResult();
        }
    }

    private async Task FollowIfNobodyElseDoesAsync(Guid renditionId, CancellationToken stoppingToken)
    {
        var lockKey = AdvisoryLockKeys.For(AdvisoryLockKeys.LiveFollow, renditionId);
        try
        {
            var lockConnection = await dataSource.OpenConnectionAsync(stoppingToken).ConfigureAwait(false);
            await using (lockConnection.ConfigureAwait(false))
            {
                if (!await QueryBoolAsync(lockConnection, "SELECT pg_try_advisory_lock($1)", lockKey, stoppingToken).ConfigureAwait(false))
                {
                    return; // Another node follows it; the next discovery pass tries again in case that node goes away.
                }

                try
                {
                    await FollowAsync(renditionId, lockConnection, stoppingToken).ConfigureAwait(false);
                }
                finally
                {
                    // Pooled connections are reset lazily, so the lock is given back explicitly, not left to the pool.
                    if (lockConnection.FullState == System.Data.ConnectionState.Open)
                    {
                        await ((Task)QueryBoolAsync(lockConnection, "SELECT pg_advisory_unlock($1)", lockKey, CancellationToken.None))
                            .ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                    }
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        catch (Exception problem)
        {
            logger.LogWarning(problem, "Stopped following live rendition {RenditionId}; it is picked up again shortly", renditionId);
        }
    }

    private async Task FollowAsync(Guid renditionId, NpgsqlConnection lockConnection, CancellationToken stoppingToken)
    {
        List<HlsSegment>? known = null;
        string? followedUrl = null;
        var failures = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            // The lock lives and dies with its connection: if that broke, another node may have taken over, so stop
            // (outside the retry below) and let the next discovery pass compete for the lock again.
            await EnsureStillConnectedAsync(lockConnection, stoppingToken).ConfigureAwait(false);
            TimeSpan wait;
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<GridStreamDbContext>();
                var rendition = await db.Renditions.AsNoTracking()
                    .Where(r => r.Id == renditionId && r.IsLive && !r.HasEnded && r.ContentItem!.DeletedAt == null)
                    .Select(r => new { r.PlaylistUrl, r.TargetDurationMs })
                    .SingleOrDefaultAsync(stoppingToken).ConfigureAwait(false);
                if (rendition is null || (followedUrl is not null && followedUrl != rendition.PlaylistUrl))
                {
                    return; // Ended, withdrawn, or now another stream: the next discovery pass starts afresh if needed.
                }

                followedUrl = rendition.PlaylistUrl;
                known ??= await KnownSegmentsAsync(db, renditionId, stoppingToken).ConfigureAwait(false);
                var origin = scope.ServiceProvider.GetRequiredService<OriginClient>();
                var playlist = await PlaylistFetch.ReadAsync(origin, new Uri(rendition.PlaylistUrl), stoppingToken).ConfigureAwait(false) as HlsMediaPlaylist
                    ?? throw new OriginException($"{rendition.PlaylistUrl} is now a master playlist, not a media playlist");

                var update = LivePlaylistWindow.Advance(known, playlist);
                if (update.NeedsResynchronisation)
                {
                    logger.LogWarning("Live rendition {RenditionId}: {Explanation}", renditionId, update.Explanation);
                }

                var hashed = await scope.ServiceProvider.GetRequiredService<SegmentHashing>()
                    .HashAsync(playlist, update.NewSegments, stoppingToken).ConfigureAwait(false);
                await SaveAsync(db, renditionId, playlist, update, hashed, stoppingToken).ConfigureAwait(false);

                known = update.Continuity == LivePlaylistContinuity.Reset ? [.. update.NewSegments] : [.. known, .. update.NewSegments];
                known.RemoveRange(0, Math.Max(0, known.Count - KnownSegmentsKept));
                failures = 0;
                if (update.HasEnded)
                {
                    logger.LogInformation("Live rendition {RenditionId} has ended", renditionId);
                    return;
                }

                wait = Max(TimeSpan.FromSeconds(playlist.TargetDurationSeconds), MinimumInterval);
            }
            catch (Exception problem) when (!stoppingToken.IsCancellationRequested && problem is not NpgsqlException { IsTransient: false })
            {
                failures++;
                wait = Min(MinimumInterval * Math.Pow(2, Math.Min(failures, 10)), MaximumBackOff);
                logger.LogWarning("Live rendition {RenditionId} could not be refreshed ({Failures} in a row, next try in {Wait}): {Reason}",
                    renditionId, failures, wait, problem.Message);
            }

            await Task.Delay(wait, clock, stoppingToken).ConfigureAwait(false);
        }
    }

    private static async Task<List<HlsSegment>> KnownSegmentsAsync(GridStreamDbContext db, Guid renditionId, CancellationToken cancellationToken)
    {
        var rows = await db.ManifestSegments.AsNoTracking()
            .Where(s => s.RenditionId == renditionId)
            .OrderByDescending(s => s.Sequence).Take(KnownSegmentsKept)
            .Select(s => new { s.Sequence, s.DurationMs, s.Url })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return [.. rows.OrderBy(s => s.Sequence).Select(s => new HlsSegment(s.Sequence, s.DurationMs, new Uri(s.Url), null, false, null))];
    }

    private async Task SaveAsync(
        GridStreamDbContext db, Guid renditionId, HlsMediaPlaylist playlist, LivePlaylistUpdate update, IReadOnlyList<HashedSegment> hashed,
        CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await SegmentRows.UpsertAsync(db, renditionId, hashed, now, cancellationToken).ConfigureAwait(false);
        await db.Renditions.Where(r => r.Id == renditionId).ExecuteUpdateAsync(
            set => set
                .SetProperty(r => r.LastReadAt, now)
                .SetProperty(r => r.HasEnded, update.HasEnded)
                .SetProperty(r => r.TargetDurationMs, playlist.TargetDurationSeconds * 1_000),
            cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    private static async Task<bool> QueryBoolAsync(NpgsqlConnection connection, string sql, long key, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection) { Parameters = { new() { Value = key } } };
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is true;
    }

    private static async Task EnsureStillConnectedAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT 1", connection);
        await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
}
