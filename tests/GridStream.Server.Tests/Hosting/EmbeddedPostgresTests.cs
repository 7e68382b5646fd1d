using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using GridStream.Server.Hosting.Postgres;
using GridStream.Server.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace GridStream.Server.Tests.Hosting;

/// <summary>The launcher on its own folders, apart from the shared test cluster.</summary>
public sealed class EmbeddedPostgresTests : IDisposable
{
    private readonly string _folder = TempFolders.New("launcher");

    [Fact]
    public async Task It_starts_serves_and_stops_without_leaving_a_process()
    {
        var server = await StartAsync();
        var pid = server.ServerProcessId;

        Assert.Equal(1, await SelectOneAsync(server));
        await server.DisposeAsync();

        Assert.False(PostgresProcesses.IsRunning(pid));
        Assert.Empty(PostgresProcesses.Serving(server.DataDirectory));
    }

    [Fact]
    public async Task It_starts_again_after_postgres_was_killed_leaving_a_stale_pid_file_and_its_port_taken()
    {
        var first = await StartAsync();
        var oldPort = first.Port;
        PostgresProcesses.Kill(first.ServerProcessId);
        await PostgresProcesses.WaitUntilGoneAsync(first.DataDirectory);
        Assert.True(File.Exists(Path.Combine(first.DataDirectory, "postmaster.pid")), "a killed postgres leaves its pid file");
        await first.DisposeAsync();

        using var squatter = TryListen(oldPort);
        await using var second = await StartAsync();

        Assert.NotEqual(oldPort, second.Port);
        Assert.Equal(1, await SelectOneAsync(second));
    }

    [Fact]
    public async Task A_second_launcher_on_a_folder_in_use_is_refused_with_a_clear_message()
    {
        await using var first = await StartAsync();

        var refused = await Assert.ThrowsAsync<EmbeddedPostgresException>(StartAsync);

        Assert.Contains("Another GridStream process", refused.Message, StringComparison.Ordinal);
        Assert.Equal(1, await SelectOneAsync(first));
    }

    [Fact]
    public async Task Missing_binaries_name_the_debian_package()
    {
        var missing = await Assert.ThrowsAsync<EmbeddedPostgresException>(() =>
            EmbeddedPostgres.StartAsync(new EmbeddedPostgresOptions { DataDirectory = _folder, BinDirectory = "/nonexistent/bin" }, NullLogger.Instance));

        Assert.Contains("apt-get install -y postgresql", missing.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_database_it_creates_keeps_its_data_across_restarts()
    {
        await using (var first = await StartAsync())
        {
            await ExecuteAsync(first, "CREATE TABLE kept (value int); INSERT INTO kept VALUES (42)");
        }

        await using var second = await StartAsync();

        Assert.Equal(42, await ScalarAsync<int>(second, "SELECT value FROM kept"));
    }

    public void Dispose() => TempFolders.Delete(_folder);

    private Task<EmbeddedPostgres> StartAsync() =>
        EmbeddedPostgres.StartAsync(new EmbeddedPostgresOptions { DataDirectory = _folder, Durable = false, Database = "launcher" }, NullLogger.Instance);

    private static Task<int> SelectOneAsync(EmbeddedPostgres server) => ScalarAsync<int>(server, "SELECT 1");

    private static async Task<T> ScalarAsync<T>(EmbeddedPostgres server, string sql)
    {
        await using var connection = new NpgsqlConnection(server.ConnectionString("launcher") + ";Pooling=false");
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync())!;
    }

    private static async Task ExecuteAsync(EmbeddedPostgres server, string sql)
    {
        await using var connection = new NpgsqlConnection(server.ConnectionString("launcher") + ";Pooling=false");
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static TcpListener? TryListen(int port)
    {
        try
        {
            var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return listener;
        }
        catch (SocketException)
        {
            return null;
        }
    }
}
