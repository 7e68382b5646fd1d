using GridStream.Server.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace GridStream.Server.Content;

/// <summary>
/// Reads the playlists of every content item whose manifest is pending. The work list is the database itself
/// (ManifestState = Pending), so nothing is lost across restarts; each node polls it, and a per-item advisory lock
/// makes sure only one node reads a given item at a time.
/// </summary>
/// <remarks>
/// This was a Hangfire job at first. In the test suite, where many hosts share one process, Hangfire workers now and
/// then fetched a queued read and never moved it to Processing, stalling every later read of that host; the reads are
/// per-item, short and already tracked in the content table, so a small dedicated loop is both simpler and sturdier.
/// </remarks>
internal sealed class ManifestReaderService(
    IServiceScopeFactory scopes, NpgsqlDataSource dataSource, ManifestReadSignal signal, TimeProvider clock, ILogger<ManifestReaderService> logger)
    : BackgroundService
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(2);
    private const int BatchSize = 20;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await ReadPendingAsync(stoppingToken).ConfigureAwait(false);
                await signal.WaitAsync(PollInterval, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is NpgsqlException or InvalidOperationException or TimeoutException)
            {
                logger.LogWarning(e, "Looking for pending manifests failed; trying again shortly");
                await Task.Delay(PollInterval, clock, stoppingToken).ConfigureAwait(false);
            }
        }
    }

    private async Task ReadPendingAsync(CancellationToken cancellationToken)
    {
        List<Guid> pending;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<GridStreamDbContext>();
            pending = await db.ContentItems.AsNoTracking()
                .Where(c => c.ManifestState == ManifestState.Pending && c.DeletedAt == null)
                .OrderBy(c => c.UpdatedAt)
                .Select(c => c.Id)
                .Take(BatchSize)
                .ToListAsync(cancellationToken).ConfigureAwait(false);
        }

        foreach (var id in pending)
        {
            await ReadIfUnclaimedAsync(id, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task ReadIfUnclaimedAsync(Guid id, CancellationToken cancellationToken)
    {
        var key = AdvisoryLockKeys.For(AdvisoryLockKeys.ManifestRead, id);
        var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            await using var tryLock = new NpgsqlCommand("SELECT pg_try_advisory_lock($1)", connection) { Parameters = { new() { Value = key } } };
            if (await tryLock.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is not true)
            {
                return; // another node is reading it
            }

            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<GridStreamDbContext>();
                var stillPending = await db.ContentItems.AnyAsync(c => c.Id == id && c.ManifestState == ManifestState.Pending, cancellationToken)
                    .ConfigureAwait(false);
                if (stillPending)
                {
                    await ReadAsync(scope.ServiceProvider, id, cancellationToken).ConfigureAwait(false);
                }
            }
            finally
            {
                await using var unlock = new NpgsqlCommand("SELECT pg_advisory_unlock($1)", connection) { Parameters = { new() { Value = key } } };
                await unlock.ExecuteScalarAsync(CancellationToken.None).ConfigureAwait(false);
            }
        }
    }

    private async Task ReadAsync(IServiceProvider services, Guid id, CancellationToken cancellationToken)
    {
        try
        {
            await services.GetRequiredService<ReadManifest>().RunAsync(id, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Left pending it would be retried every poll forever; failed, its owner sees why and can save it again.
            logger.LogError(e, "Reading the manifest of content {ContentItemId} failed unexpectedly", id);
            var db = services.GetRequiredService<GridStreamDbContext>();
            await db.ContentItems.Where(c => c.Id == id && c.ManifestState == ManifestState.Pending)
                .ExecuteUpdateAsync(update => update
                    .SetProperty(c => c.ManifestState, ManifestState.Failed)
                    .SetProperty(c => c.ManifestError, "An unexpected error stopped the read; save the item again to retry."), CancellationToken.None)
                .ConfigureAwait(false);
        }
    }
}
