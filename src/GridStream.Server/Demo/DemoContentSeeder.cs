using GridStream.Domain.Demo;
using GridStream.Server.Content;
using GridStream.Server.Data;
using GridStream.Server.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Identity;
using Npgsql;

namespace GridStream.Server.Demo;

/// <summary>
/// When GridStream:Demo:Enabled (default true), makes sure the demo media exists and that the demo owner has three
/// published items on it, on-demand and live (free) and premium (priced), pointing at this server's own /origin. It runs once the server listens:
/// only then is its address known (port 0 in tests), and the manifest reader it queues can fetch from that origin.
/// </summary>
internal sealed class DemoContentSeeder(
    IServiceScopeFactory scopes, IHostApplicationLifetime lifetime, IServer server, DemoOptions options, TimeProvider clock,
    ILogger<DemoContentSeeder> logger) : BackgroundService
{
    public const string OwnerEmail = DemoSignIns.OwnerEmail;
    public static readonly Guid OnDemandItemId = DemoItems.OnDemand;
    public static readonly Guid LiveItemId = DemoItems.Live;
    public static readonly Guid PremiumItemId = DemoItems.Premium;

    /// <summary>One credit for a week: enough to show licenses and playback tokens at work.</summary>
    public const long PremiumPriceMicroCredits = 1_000_000;
    public const int PremiumLicenseDays = 7;

    /// <summary>The demo item an origin stream belongs to; null for none.</summary>
    public static Guid? ItemOf(string stream) => stream switch
    {
        DemoOptions.OnDemandStream => OnDemandItemId,
        DemoOptions.LiveStream => LiveItemId,
        DemoOptions.PremiumStream => PremiumItemId,
        _ => null,
    };

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Enabled)
        {
            return;
        }

        try
        {
            await WhenListeningAsync(stoppingToken).ConfigureAwait(false);
            var regenerated = !DemoMedia.IsGenerated(options);
            await DemoMedia.EnsureAsync(options, logger, stoppingToken).ConfigureAwait(false);
            var baseUrl = DemoBaseUrl.Of(options, server);
            await SeedAsync(baseUrl, regenerated, stoppingToken).ConfigureAwait(false);
            logger.LogInformation("Demo content: {BaseUrl}/origin/demo/master.m3u8 (on demand) and {BaseUrl}/origin/demo-live/master.m3u8 (live)", baseUrl, baseUrl);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        catch (DemoMediaException problem)
        {
            logger.LogError("The demo content is not available: {Reason}", problem.Message);
        }
        catch (Exception problem)
        {
            // The demo is a convenience; the server it demonstrates keeps running without it.
            logger.LogError(problem, "Could not set up the demo content");
        }
    }

    private async Task WhenListeningAsync(CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var registration = lifetime.ApplicationStarted.Register(() => started.TrySetResult());
        await started.Task.WaitAsync(stoppingToken).ConfigureAwait(false);
    }

    private async Task SeedAsync(string baseUrl, bool mediaRegenerated, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var connection = await services.GetRequiredService<NpgsqlDataSource>().OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            // The start-up lock: nodes starting together must not both create the demo owner or items.
            await LockAsync(connection, "SELECT pg_advisory_lock($1)", cancellationToken).ConfigureAwait(false);
            List<Guid> toRead;
            try
            {
                var ownerId = await services.GetRequiredService<DemoAccounts>().EnsureAsync(cancellationToken).ConfigureAwait(false);
                toRead = await EnsureItemsAsync(services.GetRequiredService<GridStreamDbContext>(), ownerId, baseUrl, mediaRegenerated, cancellationToken)
                    .ConfigureAwait(false);
            }
            finally
            {
                await LockAsync(connection, "SELECT pg_advisory_unlock($1)", CancellationToken.None).ConfigureAwait(false);
            }

            if (toRead.Count > 0)
            {
                services.GetRequiredService<ManifestReadSignal>().Wake();
            }
        }
    }

    /// <returns>The items whose playlists need (re)reading.</returns>
    private async Task<List<Guid>> EnsureItemsAsync(
        GridStreamDbContext db, Guid ownerId, string baseUrl, bool mediaRegenerated, CancellationToken cancellationToken)
    {
        var toRead = new List<Guid>();
        var now = clock.GetUtcNow();
        foreach (var (id, title, live, stream, price, licenseDays) in new (Guid, string, bool, string, long, int?)[]
        {
            (OnDemandItemId, "Test pattern (on demand)", false, DemoOptions.OnDemandStream, 0, null),
            (LiveItemId, "Test pattern (live)", true, DemoOptions.LiveStream, 0, null),
            (PremiumItemId, "Test pattern (premium)", false, DemoOptions.PremiumStream, PremiumPriceMicroCredits, PremiumLicenseDays),
        })
        {
            var url = $"{baseUrl}/origin/{stream}/master.m3u8";
            var item = await db.ContentItems.FindAsync([id], cancellationToken).ConfigureAwait(false);
            if (item is null)
            {
                item = new ContentItem
                {
                    Id = id, OwnerId = ownerId, Title = title, MasterPlaylistUrl = url, IsLive = live, PriceMicroCredits = price, LicenseDays = licenseDays,
                    IsPublished = true, CreatedAt = now, UpdatedAt = now,
                };
                db.ContentItems.Add(item);
            }
            else if (item.DeletedAt is not null || (item.MasterPlaylistUrl == url && item.ManifestState == ManifestState.Ready && !mediaRegenerated))
            {
                continue; // Withdrawn on purpose, or already read from this very media.
            }

            // A new address (another port or PublicBaseUrl), new media, or an earlier read that failed: read it again.
            item.MasterPlaylistUrl = url;
            item.UpdatedAt = now;
            ManifestReads.MarkPending(item);
            toRead.Add(id);
        }

        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        return toRead;
    }

    private static async Task LockAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection) { Parameters = { new() { Value = DatabaseMigration.MigrationLockKey } } };
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
