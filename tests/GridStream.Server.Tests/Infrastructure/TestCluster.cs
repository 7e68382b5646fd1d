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
                TempFolders.SweepLeftovers();
                var folder = TempFolders.New("cluster");
                _server = await EmbeddedPostgres.StartAsync(
                    new EmbeddedPostgresOptions { DataDirectory = folder, Durable = false, MaxConnections = 400 },
                    NullLogger.Instance);
                CleanUpAfterThisProcess(_server.ServerProcessId, folder);
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

    /// <summary>
    /// The test host is killed as soon as the run ends, too soon for exit handlers to stop PostgreSQL. A detached
    /// watchdog outlives it: once this process is gone it stops the cluster (immediate shutdown) and deletes its folder.
    /// </summary>
    private static void CleanUpAfterThisProcess(int postmasterPid, string folder)
    {
        const string watchdog = """
            exec </dev/null >/dev/null 2>&1
            while kill -0 "$1"; do sleep 1; done
            kill -QUIT "$2"
            for _ in $(seq 100); do kill -0 "$2" || break; sleep 0.1; done
            rm -rf "$3"
            """;
        var start = new System.Diagnostics.ProcessStartInfo("setsid")
        {
            ArgumentList = { "bash", "-c", watchdog, "gridstream-test-watchdog", Environment.ProcessId.ToString(), postmasterPid.ToString(), folder },
            UseShellExecute = false,
        };
        System.Diagnostics.Process.Start(start)?.Dispose();
    }
}
