using System.Diagnostics;
using GridStream.Sandbox.Hosting;
using GridStream.Sandbox.Protocol;

namespace GridStream.Sandbox.Tests;

/// <summary>The worker as a process, started the way the pool starts it from this (referencing) project's output.</summary>
public sealed class WorkerProcessTests
{
    [Fact]
    public async Task A_worker_starts_from_a_referencing_projects_output_with_the_heap_cap_in_force_and_exits_cleanly_when_stdin_closes()
    {
        const long heapLimit = 96L * 1024 * 1024;
        using var worker = Process.Start(WorkerLaunch.StartInfo(dotnetHostPath: null, heapLimit))!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));

        var hello = await Frames.ReadAsync(worker.StandardOutput.BaseStream, WorkerJson.Default.WorkerHello, 4096, timeout.Token);
        worker.StandardInput.Close();
        await worker.WaitForExitAsync(timeout.Token);

        Assert.NotNull(hello);
        Assert.Equal(worker.Id, hello.ProcessId);
        Assert.Equal(heapLimit, hello.HeapLimitBytes);
        Assert.Equal(0, worker.ExitCode);
        Assert.Equal("", await worker.StandardError.ReadToEndAsync(timeout.Token));
    }

    [Fact]
    public async Task Started_without_the_worker_argument_it_explains_itself_and_fails()
    {
        var start = WorkerLaunch.StartInfo(dotnetHostPath: null, 64L * 1024 * 1024);
        start.ArgumentList.RemoveAt(start.ArgumentList.Count - 1);
        using var process = Process.Start(start)!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));

        var error = await process.StandardError.ReadToEndAsync(timeout.Token);
        await process.WaitForExitAsync(timeout.Token);

        Assert.Equal(2, process.ExitCode);
        Assert.Contains("SandboxPool", error, StringComparison.Ordinal);
    }
}
