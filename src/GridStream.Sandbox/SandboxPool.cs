using System.Text;
using GridStream.Sandbox.Hosting;
using GridStream.Sandbox.Protocol;

namespace GridStream.Sandbox;

/// <summary>
/// A small pool of worker processes that run work units. <see cref="RunAsync"/> lends a healthy worker to one unit
/// and returns the unit's outcome; a worker that crashed, was killed at the hard deadline or ran out of memory is
/// replaced. Whatever the task's code does ends as a <see cref="TaskOutcome"/>, never as an exception. Workers start
/// on first use and are kept per memory limit (the limit is fixed when a process starts). Thread-safe.
/// </summary>
public sealed class SandboxPool : IAsyncDisposable
{
    private readonly SandboxPoolOptions _options;
    private readonly SemaphoreSlim _slots;
    private readonly Stack<WorkerProcess> _idle = new();
    private readonly HashSet<WorkerProcess> _all = [];
    private readonly Lock _gate = new();
    private long _workersStarted;
    private bool _disposed;

    public SandboxPool(int workers, SandboxPoolOptions? options = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(workers, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(workers, 256);
        Workers = workers;
        _options = options ?? new SandboxPoolOptions();
        _slots = new SemaphoreSlim(workers, workers);
    }

    public int Workers { get; }

    /// <summary>Worker processes started so far (replacements included): how often the pool paid a cold start.</summary>
    public long WorkersStarted => Interlocked.Read(ref _workersStarted);

    /// <summary>The worker processes alive now, idle or busy.</summary>
    internal IReadOnlyList<int> WorkerProcessIds
    {
        get
        {
            lock (_gate)
            {
                return [.. _all.Select(worker => worker.ProcessId)];
            }
        }
    }

    /// <summary>Starts workers for this memory limit ahead of the first units, so they do not pay the cold start.</summary>
    public async Task WarmUpAsync(long memoryBytes, CancellationToken cancellationToken)
    {
        var held = 0;
        var started = new List<WorkerProcess>();
        try
        {
            // Holding every slot at once makes each acquisition start (or find) a different worker.
            for (var i = 0; i < Workers; i++)
            {
                await _slots.WaitAsync(cancellationToken).ConfigureAwait(false);
                held++;
                started.Add(await AcquireAsync(memoryBytes, cancellationToken).ConfigureAwait(false));
            }
        }
        finally
        {
            started.ForEach(Return);
            if (held > 0)
            {
                _slots.Release(held);
            }
        }
    }

    public async Task<TaskOutcome> RunAsync(TaskRun run, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(run.Code);
        ArgumentNullException.ThrowIfNull(run.InputJson);
        ArgumentNullException.ThrowIfNull(run.Limits);
        run.Limits.Validate();
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (Refusal(run) is { } refused)
        {
            return TaskOutcome.Failure(refused, 0);
        }

        await _slots.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var worker = await AcquireAsync(run.Limits.MemoryBytes, cancellationToken).ConfigureAwait(false);
            var wallClock = _options.WallClockBudget(run.Limits.CpuTime);
            var request = new WorkerRequest(
                run.Code, run.InputJson, (long)run.Limits.CpuTime.TotalMilliseconds, (long)wallClock.TotalMilliseconds,
                run.Limits.MemoryBytes, run.Limits.MaxOutputBytes);
            WorkerReply reply;
            try
            {
                reply = await worker.RunAsync(request, wallClock + _options.KillGrace, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                Return(worker);
            }

            return Outcome(reply, run.Limits, wallClock);
        }
        finally
        {
            _slots.Release();
        }
    }

    private string? Refusal(TaskRun run)
    {
        var codeBytes = Encoding.UTF8.GetByteCount(run.Code);
        if (codeBytes > TaskCode.MaxCodeBytes)
        {
            return $"the code is {Quantities.Bytes(codeBytes)}, more than the {Quantities.Bytes(TaskCode.MaxCodeBytes)} allowed";
        }

        var inputBytes = Encoding.UTF8.GetByteCount(run.InputJson);
        return inputBytes > _options.MaxInputBytes
            ? $"the input is {Quantities.Bytes(inputBytes)}, more than the {Quantities.Bytes(_options.MaxInputBytes)} allowed"
            : null;
    }

    private static TaskOutcome Outcome(WorkerReply reply, SandboxLimits limits, TimeSpan wallClock)
    {
        if (reply.Response is { } response)
        {
            return new TaskOutcome(response.Succeeded, response.OutputJson, response.Error, response.CpuMilliseconds);
        }

        var cpuMilliseconds = (long)limits.CpuTime.TotalMilliseconds;
        if (reply.TimedOut)
        {
            return TaskOutcome.Failure(
                $"time limit of {Quantities.Duration(limits.CpuTime)} exceeded: the unit was still running after {Quantities.Duration(wallClock)} and its worker was stopped",
                cpuMilliseconds);
        }

        return WorkerDeaths.RanOutOfMemory(reply)
            ? TaskOutcome.Failure($"memory limit of {Quantities.Bytes(limits.MemoryBytes)} exceeded", 0)
            : TaskOutcome.Failure($"the sandbox worker stopped unexpectedly (exit code {reply.ExitCode?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "unknown"})", 0);
    }

    private async Task<WorkerProcess> AcquireAsync(long memoryBytes, CancellationToken cancellationToken)
    {
        WorkerProcess? reusable = null;
        var retired = new List<WorkerProcess>();
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            // Idle workers with another memory limit hold a slot's process: the slot we hold now takes over from one.
            while (reusable is null && _idle.TryPop(out var idle))
            {
                if (idle.MemoryBytes == memoryBytes && idle.IsUsable)
                {
                    reusable = idle;
                }
                else
                {
                    retired.Add(idle);
                    _all.Remove(idle);
                }
            }
        }

        retired.ForEach(worker => worker.Dispose());
        if (reusable is not null)
        {
            return reusable;
        }

        Interlocked.Increment(ref _workersStarted);
        var started = await WorkerProcess.StartAsync(_options, memoryBytes, cancellationToken).ConfigureAwait(false);
        lock (_gate)
        {
            if (!_disposed)
            {
                _all.Add(started);
                return started;
            }
        }

        started.Dispose();
        throw new ObjectDisposedException(nameof(SandboxPool));
    }

    private void Return(WorkerProcess worker)
    {
        lock (_gate)
        {
            if (!_disposed && worker.IsUsable && worker.UnitsRun < _options.MaxUnitsPerWorker)
            {
                _idle.Push(worker);
                return;
            }

            _all.Remove(worker);
        }

        worker.Dispose();
    }

    public ValueTask DisposeAsync()
    {
        List<WorkerProcess> workers;
        lock (_gate)
        {
            _disposed = true;
            workers = [.. _all];
            _all.Clear();
            _idle.Clear();
        }

        // Busy workers are killed too: their callers get a "stopped unexpectedly" outcome.
        workers.ForEach(worker => worker.Dispose());
        return ValueTask.CompletedTask;
    }
}
