using GridStream.Server.Accounts;
using GridStream.Server.Data;
using Hangfire.PostgreSql;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace GridStream.Server.Hosting;

/// <summary>
/// Brings the schema up to date at start-up. Nodes starting together take turns on a PostgreSQL advisory lock,
/// so only the first applies migrations and the others find nothing left to do.
/// </summary>
internal static class DatabaseMigration
{
    /// <summary>Also taken by other start-up seeding (the demo content) so nodes starting together seed once.</summary>
    internal const long MigrationLockKey = 0x4753_4D49_4752_4154; // "GSMIGRAT"
    public const string HangfireSchema = "hangfire";

    public static async Task MigrateAsync(this WebApplication app, CancellationToken cancellationToken = default)
    {
        var dataSource = app.Services.GetRequiredService<NpgsqlDataSource>();
        var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            await ExecuteAsync(connection, "SELECT pg_advisory_lock($1)", cancellationToken).ConfigureAwait(false);
            try
            {
                await using var scope = app.Services.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<GridStreamDbContext>();
                await db.Database.MigrateAsync(cancellationToken).ConfigureAwait(false);
                PostgreSqlObjectsInstaller.Install(connection, HangfireSchema);
                await FirstAdmin.EnsureAsync(scope.ServiceProvider, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                await ExecuteAsync(connection, "SELECT pg_advisory_unlock($1)", CancellationToken.None).ConfigureAwait(false);
            }
        }
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection) { Parameters = { new() { Value = MigrationLockKey } } };
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
