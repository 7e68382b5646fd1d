using GridStream.Server.Tests.Infrastructure;

namespace GridStream.Server.Tests.Hosting;

/// <summary>The server as a user runs it: its own process, its own embedded PostgreSQL, Ctrl+C and crashes.</summary>
public sealed class ServerProcessTests : IDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private readonly string _folder = TempFolders.New("process");

    private Dictionary<string, string?> Environment => new() { ["GRIDSTREAM_PG_DATA"] = _folder };

    private string DataDirectory => Path.Combine(_folder, "data");

    [Fact]
    public async Task It_serves_healthz_on_its_embedded_postgres_and_ctrl_c_stops_both()
    {
        await using var server = ServerProcess.Start(Environment);
        var address = await server.WaitUntilListeningAsync(StartTimeout);

        await AssertHealthyAsync(address);
        Assert.Single(PostgresProcesses.Serving(DataDirectory));

        server.Interrupt();
        Assert.True(await server.WaitForExitAsync(TimeSpan.FromSeconds(30)), server.Output);
        Assert.Equal(0, server.ExitCode);
        Assert.Empty(PostgresProcesses.Serving(DataDirectory));
    }

    [Fact]
    public async Task After_a_crash_it_takes_over_the_orphaned_postgres_and_starts_again()
    {
        await using (var crashed = ServerProcess.Start(Environment))
        {
            await AssertHealthyAsync(await crashed.WaitUntilListeningAsync(StartTimeout));
            crashed.Kill();
            await crashed.WaitForExitAsync(TimeSpan.FromSeconds(10));
        }

        Assert.Single(PostgresProcesses.Serving(DataDirectory));

        await using var restarted = ServerProcess.Start(Environment);
        await AssertHealthyAsync(await restarted.WaitUntilListeningAsync(StartTimeout));
        restarted.Interrupt();
        Assert.True(await restarted.WaitForExitAsync(TimeSpan.FromSeconds(30)), restarted.Output);
        Assert.Empty(PostgresProcesses.Serving(DataDirectory));
    }

    [Fact]
    public async Task Missing_postgres_binaries_are_one_clear_line_not_a_stack_trace()
    {
        var environment = Environment;
        environment["GRIDSTREAM_PG_BIN"] = "/nonexistent/postgresql/bin";
        await using var server = ServerProcess.Start(environment);

        Assert.True(await server.WaitForExitAsync(TimeSpan.FromSeconds(30)));

        Assert.Equal(1, server.ExitCode);
        var lines = server.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var line = Assert.Single(lines);
        Assert.Contains("apt-get install -y postgresql", line, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        foreach (var orphan in PostgresProcesses.Serving(DataDirectory))
        {
            PostgresProcesses.Kill(orphan);
        }

        TempFolders.Delete(_folder);
    }

    private static Task AssertHealthyAsync(Uri address) => Health.WaitUntilHealthyAsync(address, TimeSpan.FromSeconds(30));
}
