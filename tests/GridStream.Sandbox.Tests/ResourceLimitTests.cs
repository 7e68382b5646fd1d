using System.Diagnostics;
using GridStream.Sandbox.Tests.Infrastructure;

namespace GridStream.Sandbox.Tests;

/// <summary>Code that tries to use more than its share ends its own unit with a clear error; the pool carries on.</summary>
public sealed class ResourceLimitTests(PoolFixture fixture) : IClassFixture<PoolFixture>
{
    private readonly SandboxPool _pool = fixture.Pool;

    /// <summary>Memory bombs get a long CPU budget, so it is the heap cap that stops them.</summary>
    private static readonly SandboxLimits SmallHeap = new(TimeSpan.FromSeconds(20), 64L * 1024 * 1024);

    [Theory]
    [InlineData("function run() { while (true) {} }")]
    [InlineData("function run() { for (;;) { try { while (true) {} } catch (e) {} finally { continue; } } }")]
    [InlineData("function run() { while (true) { const garbage = { list: [1, 2, 3], text: 'x' + Math.random() }; } }")]
    [InlineData("function run() { const spin = () => { for (let i = 0; ; i++) {} }; [1, 2, 3].map(spin); }")]
    public async Task Endless_loops_stop_at_the_cpu_time_limit(string code)
    {
        var outcome = await _pool.Run(code);

        Assert.False(outcome.Succeeded);
        // On a loaded machine the wall-clock budget (3 × CPU + 2 s) may run out before the CPU budget does.
        Assert.Matches("^time limit of 1 s exceeded(: stopped after 5 s of wall-clock time)?$", outcome.Error);
        if (outcome.Error == "time limit of 1 s exceeded")
        {
            Assert.InRange(outcome.CpuMilliseconds, 1_000, 60_000);
        }
        await _pool.AssertStillWorks();
    }

    [Theory]
    [InlineData("function run() { return new Uint8Array(1e9).length; }")]
    [InlineData("function run() { return new ArrayBuffer(1e9).byteLength; }")]
    [InlineData("function run() { return new Float64Array(2e8).length; }")]
    [InlineData("function run() { return 'a'.repeat(2 ** 27).length; }")]
    [InlineData("function run() { const rows = []; while (true) { rows.push({ id: rows.length, name: 'row ' + rows.length }); } }")]
    [InlineData("function run() { const chunks = []; while (true) { chunks.push(new Uint8Array(1024 * 1024)); } }")]
    public async Task Memory_bombs_stop_at_the_heap_cap(string code)
    {
        var error = await _pool.Error(code, limits: SmallHeap);

        Assert.Equal("memory limit of 64 MB exceeded", error);
        await _pool.AssertStillWorks();
    }

    [Fact]
    public async Task String_doubling_ends_with_a_clear_error()
    {
        var error = await _pool.Error("function run() { let s = 'ab'; while (true) { s = s + s; s.charAt(s.length - 1); } }", limits: SmallHeap);

        Assert.Matches("^(memory limit of 64 MB exceeded|run threw RangeError: Invalid string length at line 1, column \\d+)$", error);
        await _pool.AssertStillWorks();
    }

    [Theory]
    [InlineData("function dive(n) { return dive(n + 1) + 1; } function run() { return dive(0); }")]
    [InlineData("function ping(n) { return pong(n + 1); } function pong(n) { return ping(n + 1); } function run() { return ping(0); }")]
    [InlineData("const node = { get next() { return this.next; } }; function run() { return node.next; }")]
    [InlineData("function run() { const nest = (n) => [n].map((x) => nest(x + 1)); return nest(0); }")]
    public async Task Deep_recursion_is_stopped_without_killing_the_worker(string code)
    {
        await _pool.AssertStillWorks();
        var startedBefore = _pool.WorkersStarted;

        var error = await _pool.Error(code);

        Assert.StartsWith("recursion too deep", error, StringComparison.Ordinal);
        await _pool.AssertStillWorks();
        Assert.Equal(startedBefore, _pool.WorkersStarted);
    }

    [Fact]
    public async Task Catastrophic_regular_expressions_time_out()
    {
        var error = await _pool.Error("function run() { return /^(a+)+$/.test('a'.repeat(40) + 'b'); }");

        Assert.Equal("a regular expression ran longer than 500 ms (catastrophic backtracking?)", error);
        await _pool.AssertStillWorks();
    }

    [Fact]
    public async Task Output_over_the_cap_is_refused_with_both_sizes()
    {
        var error = await _pool.Error("function run() { return 'x'.repeat(100000); }");

        // 100,000 characters and two quotes against the 64 KB cap of the tight limits.
        Assert.Equal("output of 97.7 KB exceeds 64 KB", error);
        await _pool.AssertStillWorks();
    }

    [Fact]
    public async Task A_worker_that_stops_answering_is_killed_at_the_hard_deadline_and_replaced()
    {
        var options = new SandboxPoolOptions { WallClockFactor = 1, WallClockSlack = TimeSpan.Zero, KillGrace = TimeSpan.FromSeconds(1) };
        await using var pool = new SandboxPool(1, options);
        // Three seconds leave ample time to freeze the worker before its own wall-clock deadline could fire.
        var limits = new SandboxLimits(TimeSpan.FromSeconds(3), 128L * 1024 * 1024);
        var running = pool.RunAsync(new TaskRun("function run() { while (true) {} }", "null", limits), CancellationToken.None);
        var worker = await Eventually.Single(() => pool.WorkerProcessIds);

        // A frozen process checks no limit at all: only the parent's deadline can end the unit.
        await Signal("STOP", worker);
        var outcome = await running;

        Assert.Equal("time limit of 3 s exceeded: the unit was still running after 3 s and its worker was stopped", outcome.Error);
        await pool.AssertStillWorks();
        Assert.Equal(2, pool.WorkersStarted);
        Assert.DoesNotContain(worker, pool.WorkerProcessIds);
    }

    [Fact]
    public async Task A_caller_that_gives_up_gets_a_cancellation_and_the_worker_is_replaced()
    {
        await using var pool = new SandboxPool(1);
        using var giveUp = new CancellationTokenSource();
        var running = pool.RunAsync(new TaskRun("function run() { while (true) {} }", "null", Units.Roomy), giveUp.Token);
        var worker = await Eventually.Single(() => pool.WorkerProcessIds);

        await giveUp.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => running);
        await pool.AssertStillWorks();
        Assert.DoesNotContain(worker, pool.WorkerProcessIds);
    }

    private static async Task Signal(string signal, int processId)
    {
        using var kill = Process.Start("kill", [$"-{signal}", processId.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        await kill.WaitForExitAsync();
        Assert.Equal(0, kill.ExitCode);
    }
}
