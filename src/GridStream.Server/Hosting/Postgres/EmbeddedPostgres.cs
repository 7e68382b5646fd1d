using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace GridStream.Server.Hosting.Postgres;

/// <summary>
/// A PostgreSQL server that GridStream runs itself from the machine's PostgreSQL binaries: loopback only,
/// a free port, password authentication, stopped when disposed. The server uses it when no connection string
/// is configured; the tests use it for their one cluster per run.
/// </summary>
public sealed class EmbeddedPostgres : IAsyncDisposable
{
    public const string Superuser = "gridstream";
    private const int PortAttempts = 5;

    private readonly PostgresBinaries _binaries;
    private readonly CommandRunner _runner;
    private readonly ClusterFolder _folder;
    private readonly ILogger _logger;
    private readonly string _password;
    private bool _running;

    private EmbeddedPostgres(PostgresBinaries binaries, CommandRunner runner, ClusterFolder folder, string password, ILogger logger)
    {
        _binaries = binaries;
        _runner = runner;
        _folder = folder;
        _password = password;
        _logger = logger;
    }

    public int Port { get; private set; }

    public string DataDirectory => _folder.Data;

    /// <summary>The postgres process id, read from postmaster.pid; the tests use it to simulate a crash.</summary>
    public int ServerProcessId =>
        LeftoverServer.ReadPid(_folder.Data) ?? throw new InvalidOperationException("PostgreSQL is not running.");

    public static async Task<EmbeddedPostgres> StartAsync(EmbeddedPostgresOptions options, ILogger logger, CancellationToken cancellationToken = default)
    {
        var binaries = PostgresBinaries.Locate(options.BinDirectory);
        var runner = CommandRunner.ForCurrentUser();
        var folder = ClusterFolder.Open(options.DataDirectory, runner);
        try
        {
            var password = folder.ReadOrCreatePassword(runner);
            var server = new EmbeddedPostgres(binaries, runner, folder, password, logger);
            server.InitializeOnce();
            server.ClearLeftovers();
            await server.StartOnFreePortAsync(options, cancellationToken).ConfigureAwait(false);
            await server.CreateDatabaseAsync(options.Database, template: null, cancellationToken).ConfigureAwait(false);
            return server;
        }
        catch
        {
            folder.Dispose();
            throw;
        }
    }

    public string ConnectionString(string database) => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1",
        Port = Port,
        Username = Superuser,
        Password = _password,
        Database = database,
    }.ConnectionString;

    /// <summary>Creates the database unless it exists; with a template, PostgreSQL copies it file by file, which is fast.</summary>
    public async Task CreateDatabaseAsync(string database, string? template, CancellationToken cancellationToken = default)
    {
        var connection = new NpgsqlConnection(ConnectionString("postgres") + ";Pooling=false");
        await using (connection.ConfigureAwait(false))
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = $1", connection)
            {
                Parameters = { new() { Value = database } },
            };
            if (await exists.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is not null)
            {
                return;
            }

            var sql = $"CREATE DATABASE {QuoteIdentifier(database)}" + (template is null ? "" : $" TEMPLATE {QuoteIdentifier(template)}");
            await using var create = new NpgsqlCommand(sql, connection);
            await create.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_running)
        {
            var pid = LeftoverServer.ReadPid(_folder.Data);
            var stop = await Task.Run(() => _runner.Run(_binaries.PgCtl,
                ["stop", "-D", _folder.Data, "-m", "fast", "-w", "-t", "30"], TimeSpan.FromSeconds(40))).ConfigureAwait(false);
            if (stop.ExitCode != 0)
            {
                _logger.LogWarning("pg_ctl stop failed: {Output}", stop.Output.Trim());
            }

            // pg_ctl returns once postmaster.pid is gone, which the postmaster removes just before it exits.
            if (pid is { } postmaster)
            {
                await LeftoverServer.WaitForExitAsync(postmaster, TimeSpan.FromSeconds(10)).ConfigureAwait(false);
            }

            _running = false;
            _logger.LogInformation("Embedded PostgreSQL stopped");
        }

        _folder.Dispose();
    }

    private void InitializeOnce()
    {
        if (_folder.IsInitialized)
        {
            return;
        }

        if (Directory.Exists(_folder.Data))
        {
            // An initdb that was interrupted leaves a folder it would refuse to reuse.
            Directory.Delete(_folder.Data, recursive: true);
        }

        _logger.LogInformation("Creating the embedded PostgreSQL cluster in {Folder}", _folder.Data);
        var result = _runner.Run(_binaries.InitDb,
        [
            "-D", _folder.Data, "-U", Superuser, "--pwfile", _folder.PasswordFile,
            "--auth-host=scram-sha-256", "--auth-local=scram-sha-256", "-E", "UTF8", "--no-locale", "--no-instructions",
        ], TimeSpan.FromMinutes(2));
        if (result.ExitCode != 0)
        {
            throw new EmbeddedPostgresException($"initdb failed in {_folder.Data}: {result.Output.Trim()}");
        }
    }

    private void ClearLeftovers()
    {
        switch (LeftoverServer.Inspect(_folder.Data))
        {
            case LeftoverServer.State.StillRunning:
                _logger.LogWarning("A PostgreSQL left running by an earlier GridStream holds {Folder}; stopping it", _folder.Data);
                _runner.Run(_binaries.PgCtl, ["stop", "-D", _folder.Data, "-m", "fast", "-w", "-t", "30"], TimeSpan.FromSeconds(40));
                break;
            case LeftoverServer.State.Stale:
                _logger.LogWarning("Removing the stale postmaster.pid of a PostgreSQL that did not stop cleanly");
                LeftoverServer.RemoveStalePidFile(_folder.Data);
                break;
            case LeftoverServer.State.None:
                break;
        }
    }

    private async Task StartOnFreePortAsync(EmbeddedPostgresOptions options, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            Port = FreeLoopbackPort();
            var settings = string.Join(' ',
                $"-p {Port}",
                "-c listen_addresses=127.0.0.1",
                "-k ''",
                $"-c max_connections={options.MaxConnections}",
                options.Durable ? "" : "-c fsync=off -c synchronous_commit=off -c full_page_writes=off");
            var result = _runner.Run(_binaries.PgCtl,
                ["start", "-D", _folder.Data, "-l", _folder.LogFile, "-w", "-t", ((int)options.StartTimeout.TotalSeconds).ToString(CultureInfo.InvariantCulture), "-o", settings],
                options.StartTimeout + TimeSpan.FromSeconds(10));
            if (result.ExitCode == 0)
            {
                _running = true;
                break;
            }

            var log = _folder.LogTail();
            var portTaken = log.Contains("could not bind", StringComparison.OrdinalIgnoreCase)
                || log.Contains("already in use", StringComparison.OrdinalIgnoreCase);
            if (!portTaken || attempt == PortAttempts)
            {
                throw new EmbeddedPostgresException($"PostgreSQL did not start (log {_folder.LogFile}):\n{log}");
            }

            _logger.LogWarning("Port {Port} was taken before PostgreSQL could bind it; trying another", Port);
        }

        await WaitUntilAcceptingAsync(cancellationToken).ConfigureAwait(false);
        _logger.LogInformation("Embedded PostgreSQL listening on 127.0.0.1:{Port}", Port);
    }

    private async Task WaitUntilAcceptingAsync(CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            try
            {
                var connection = new NpgsqlConnection(ConnectionString("postgres") + ";Pooling=false");
                await using (connection.ConfigureAwait(false))
                {
                    await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
                    return;
                }
            }
            catch (NpgsqlException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(100, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string QuoteIdentifier(string name) => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
