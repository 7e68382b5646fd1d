using System.Diagnostics;
using GridStream.Sandbox.Protocol;

namespace GridStream.Sandbox.Hosting;

/// <summary>
/// The parent's handle on one worker process: start it (and wait for its hello), send it one unit at a time with a
/// hard deadline, kill it. Not thread-safe: the pool lends a worker to one caller at a time.
/// </summary>
internal sealed class WorkerProcess : IDisposable
{
    private const int MaxHelloBytes = 4096;
    private static readonly TimeSpan ExitWait = TimeSpan.FromSeconds(10);

    private readonly Process _process;
    private readonly StandardErrorTail _standardError = new();
    private bool _broken;
    private int _disposed;

    private WorkerProcess(Process process, long memoryBytes)
    {
        _process = process;
        MemoryBytes = memoryBytes;
        _standardError.Attach(process);
    }

    public long MemoryBytes { get; }

    /// <summary>The managed heap cap the worker's runtime reported at start.</summary>
    public long HeapLimitBytes { get; private set; }

    public int ProcessId => _process.Id;

    public int UnitsRun { get; private set; }

    public bool IsUsable => !_broken && Volatile.Read(ref _disposed) == 0 && !HasExited();

    public static async Task<WorkerProcess> StartAsync(SandboxPoolOptions options, long memoryBytes, CancellationToken cancellationToken)
    {
        var process = Process.Start(WorkerLaunch.StartInfo(options.DotnetHostPath, memoryBytes))
            ?? throw new InvalidOperationException("The sandbox worker process did not start.");
        var worker = new WorkerProcess(process, memoryBytes);
        using var startTimeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        startTimeout.CancelAfter(options.StartTimeout);
        try
        {
            var hello = await Frames.ReadAsync(process.StandardOutput.BaseStream, WorkerJson.Default.WorkerHello, MaxHelloBytes, startTimeout.Token).ConfigureAwait(false);
            if (hello is null)
            {
                await worker.WaitForExitAsync().ConfigureAwait(false);
                throw new InvalidOperationException(
                    $"The sandbox worker exited while starting (exit code {worker.ExitCode()}): {worker._standardError}");
            }

            worker.HeapLimitBytes = hello.HeapLimitBytes;
            return worker;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            worker.Dispose();
            throw new InvalidOperationException($"The sandbox worker did not start within {Quantities.Duration(options.StartTimeout)}: {worker._standardError}");
        }
        catch
        {
            worker.Dispose();
            throw;
        }
    }

    public async Task<WorkerReply> RunAsync(WorkerRequest request, TimeSpan hardDeadline, CancellationToken cancellationToken)
    {
        UnitsRun++;
        // JSON escaping can make each output character six bytes; anything beyond that is a broken worker.
        var maxResponseBytes = (int)Math.Min(int.MaxValue, (long)request.MaxOutputBytes * 6 + 64 * 1024);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(hardDeadline);
        try
        {
            await Frames.WriteAsync(_process.StandardInput.BaseStream, request, WorkerJson.Default.WorkerRequest, deadline.Token).ConfigureAwait(false);
            var response = await Frames.ReadAsync(_process.StandardOutput.BaseStream, WorkerJson.Default.WorkerResponse, maxResponseBytes, deadline.Token).ConfigureAwait(false);
            if (response is not null)
            {
                _broken |= response.Retire;
                return WorkerReply.Answered(response);
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            Kill();
            return WorkerReply.Killed(_standardError.ToString());
        }
        catch (OperationCanceledException)
        {
            Kill();
            throw;
        }
        catch (Exception broken) when (broken is IOException or InvalidDataException or System.Text.Json.JsonException
                                           or ObjectDisposedException or InvalidOperationException)
        {
            // The pipe broke, the worker wrote nonsense or the pool was disposed under us: the worker is gone or going.
        }

        _broken = true;
        await WaitForExitAsync().ConfigureAwait(false);
        return WorkerReply.Died(ExitCode(), _standardError.ToString());
    }

    private async Task WaitForExitAsync()
    {
        using var wait = new CancellationTokenSource(ExitWait);
        try
        {
            await _process.WaitForExitAsync(wait.Token).ConfigureAwait(false);
        }
        catch (Exception notExited) when (notExited is OperationCanceledException or InvalidOperationException)
        {
            Kill();
        }
    }

    private int? ExitCode() => HasExited() ? _process.ExitCode : null;

    // True too when the process object was disposed by the pool from another thread.
    private bool HasExited()
    {
        try
        {
            return _process.HasExited;
        }
        catch (InvalidOperationException)
        {
            return true;
        }
    }

    private void Kill()
    {
        _broken = true;
        try
        {
            _process.Kill(entireProcessTree: true);
        }
        catch (Exception gone) when (gone is InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            // Already gone (or already disposed by the pool).
        }
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        Kill();
        try
        {
            // SIGKILL is not instant: wait (briefly) so a disposed pool leaves no process behind.
            _process.WaitForExit(ExitWait);
        }
        catch (InvalidOperationException)
        {
            // Never started, or already reaped.
        }

        _process.Dispose();
    }
}
