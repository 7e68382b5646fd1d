using GridStream.Sandbox.Tests.Infrastructure;

namespace GridStream.Sandbox.Tests;

/// <summary>How the pool lends, reuses and replaces its worker processes.</summary>
public sealed class SandboxPoolTests
{
    private const string Echo = "function run(input) { return input; }";

    [Fact]
    public async Task Warm_workers_serve_concurrent_callers_without_starting_more()
    {
        await using var pool = new SandboxPool(2);
        await pool.WarmUpAsync(Units.Tight.MemoryBytes, CancellationToken.None);

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => pool.Run(Echo, $"[{i}]")));

        Assert.Equal(Enumerable.Range(0, 8).Select(i => $"[{i}]"), outcomes.Select(outcome => outcome.OutputJson));
        Assert.Equal(2, pool.WorkersStarted);
        Assert.Equal(2, pool.WorkerProcessIds.Count);
    }

    [Fact]
    public async Task A_unit_with_another_memory_limit_gets_a_worker_started_with_that_limit()
    {
        await using var pool = new SandboxPool(1);
        await pool.AssertStillWorks();
        var first = Assert.Single(pool.WorkerProcessIds);

        var outcome = await pool.Run("function run() { return new Uint8Array(80 * 1024 * 1024).length; }", limits: Units.Roomy);

        Assert.Equal("83886080", outcome.OutputJson);
        Assert.NotEqual(first, Assert.Single(pool.WorkerProcessIds));
        Assert.Equal(2, pool.WorkersStarted);
    }

    [Fact]
    public async Task A_disposed_pool_refuses_work_and_leaves_no_worker_running()
    {
        var pool = new SandboxPool(1);
        await pool.AssertStillWorks();
        var worker = Assert.Single(pool.WorkerProcessIds);

        await pool.DisposeAsync();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => pool.Run(Echo));
        Assert.Empty(pool.WorkerProcessIds);
        Assert.False(IsRunning(worker), $"worker {worker} still running after the pool was disposed");
    }

    private static bool IsRunning(int processId)
    {
        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(processId);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
