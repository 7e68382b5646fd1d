using GridStream.Server.Hosting.Postgres;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace GridStream.Server.Tests.Infrastructure;

/// <summary>
/// One real PostgreSQL for the whole test run, started with the server's own launcher in a temporary folder.
/// Each test class gets a fresh database cloned from a template that the real server migrated once.
/// </summary>
internal static class TestCluster
{
    private const string TemplateDatabase = "gridstream_template";
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static EmbeddedPostgres? _server;
    private static bool _templateReady;

    public static async Task<string> CreateDatabaseAsync(bool fromTemplate = true)
    {
        var server = await ServerAsync();
        var name = "test_" + Guid.NewGuid().ToString("N")[..16];
        if (fromTemplate)
        {
            await EnsureTemplateAsync(server);
        }

        await server.CreateDatabaseAsync(name, fromTemplate ? TemplateDatabase : null);
        return server.ConnectionString(name);
    }

    private static async Task<EmbeddedPostgres> ServerAsync()
    {
        await Gate.WaitAsync();
        try
        {
            if (_server is null)
            {
                var folder = Path.Combine(Path.GetTempPath(), "gridstream-tests", Guid.NewGuid().ToString("N")[..8]);
                _server = await EmbeddedPostgres.StartAsync(
                    new EmbeddedPostgresOptions { DataDirectory = folder, Durable = false, MaxConnections = 400 },
                    NullLogger.Instance);
                AppDomain.CurrentDomain.ProcessExit += (_, _) => StopAndDelete(_server, folder);
            }

            return _server;
        }
        finally
        {
            Gate.Release();
        }
    }

    private static async Task EnsureTemplateAsync(EmbeddedPostgres server)
    {
        await Gate.WaitAsync();
        try
        {
            if (_templateReady)
            {
                return;
            }

            await server.CreateDatabaseAsync(TemplateDatabase, template: null);
            // The real server migrates the template, exactly as it migrates a production database at start-up.
            await using (var host = new GridStreamFactory(server.ConnectionString(TemplateDatabase)))
            {
                await host.StartAsync();
            }

            // CREATE DATABASE … TEMPLATE needs the template to have no open connections.
            NpgsqlConnection.ClearAllPools();
            _templateReady = true;
        }
        finally
        {
            Gate.Release();
        }
    }

    private static void StopAndDelete(EmbeddedPostgres server, string folder)
    {
        server.DisposeAsync().AsTask().GetAwaiter().GetResult();
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // Left for the OS to clean with the rest of /tmp.
        }
    }
}
