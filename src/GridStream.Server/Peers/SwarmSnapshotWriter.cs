using GridStream.Server.Data;
using Microsoft.Extensions.Options;

namespace GridStream.Server.Peers;

/// <summary>Persists each swarm's summary every <see cref="SwarmOptions.SnapshotInterval"/>, for dashboards.</summary>
internal sealed class SwarmSnapshotWriter(
    SwarmRegistry registry, IServiceScopeFactory scopes, IOptions<SwarmOptions> options, TimeProvider clock, ILogger<SwarmSnapshotWriter> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.SnapshotInterval, clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                await WriteAsync(stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // shutting down
        }
    }

    private async Task WriteAsync(CancellationToken cancellationToken)
    {
        var summaries = registry.Summaries();
        if (summaries.Count == 0)
        {
            return;
        }

        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<GridStreamDbContext>();
            var now = clock.GetUtcNow();
            db.SwarmSnapshots.AddRange(summaries.Select(summary => new SwarmSnapshot
            {
                ContentItemId = summary.Swarm.ContentId,
                Rendition = summary.Swarm.Rendition,
                TakenAt = now,
                Peers = summary.Peers,
                Groups = summary.GroupSizes.Count,
                CdnBytes = summary.CdnBytes,
                PeerBytes = summary.PeerBytes,
                Stalls = summary.Stalls,
            }));
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is Microsoft.EntityFrameworkCore.DbUpdateException or Npgsql.NpgsqlException)
        {
            // A missed snapshot only leaves a gap in a chart; the next tick writes again.
            logger.LogWarning(e, "Writing swarm snapshots failed");
        }
    }
}
