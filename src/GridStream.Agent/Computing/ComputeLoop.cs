using System.Threading.Channels;
using GridStream.Agent.Cli;
using GridStream.Agent.Connection;
using GridStream.Domain.Compute.Protocol;
using GridStream.Sandbox;

namespace GridStream.Agent.Computing;

/// <summary>
/// Runs leased tasks while the agent watches (DESIGN §6): keeps a small queue of leases topped up, runs them on
/// <c>cores</c> sandbox workers at once, and sends results back in batches. When watching stops it stops asking for
/// work and hands in what has finished; leases it never ran go back to the server at their deadline or on disconnect.
/// </summary>
internal sealed class ComputeLoop(PeerHubLink hub, SandboxPool pool, int cores, TimeProvider clock)
{
    private const int ResultsPerSubmit = 100;

    /// <summary>A batch stays under this many characters of output: the hub refuses messages over 2 MiB.</summary>
    private const int MaxBatchOutputChars = 1024 * 1024;

    /// <summary>The server's default limit on one output; a larger one is the task's error, found here rather than there.</summary>
    private const int MaxOutputBytes = 256 * 1024;
    private static readonly TimeSpan SubmitEvery = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan FinalSubmitPatience = TimeSpan.FromSeconds(5);

    private readonly Dictionary<Guid, JobCode> _codes = [];
    private readonly SemaphoreSlim _nudge = new(0, 1);

    public ComputeFigures Figures { get; } = new();

    public async Task RunAsync(CancellationToken stop)
    {
        var leases = Channel.CreateBounded<(WorkLease Lease, JobCode Code)>(cores * 2);
        var results = Channel.CreateUnbounded<WorkResult>();
        hub.WorkAvailable += Nudge;
        try
        {
            var runners = Enumerable.Range(0, cores).Select(_ => RunLeasesAsync(leases.Reader, results.Writer, stop)).ToList();
            var submitter = SubmitResultsAsync(results.Reader);
            try
            {
                await FetchLeasesAsync(leases.Writer, stop).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                // Watching is over.
            }
            finally
            {
                leases.Writer.TryComplete();
                await Task.WhenAll(runners).ConfigureAwait(false);
                results.Writer.TryComplete();
                await submitter.ConfigureAwait(false);
            }
        }
        finally
        {
            hub.WorkAvailable -= Nudge;
        }
    }

    private async Task FetchLeasesAsync(ChannelWriter<(WorkLease, JobCode)> leases, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            var batch = await hub.RequestWorkAsync(cores * 2, stop).ConfigureAwait(false);
            foreach (var code in batch.Jobs)
            {
                _codes[code.JobId] = code;
            }

            Figures.AddLeased(batch.Leases.Count);
            foreach (var lease in batch.Leases)
            {
                if (_codes.TryGetValue(lease.JobId, out var code))
                {
                    await leases.WriteAsync((lease, code), stop).ConfigureAwait(false);
                }
            }

            if (batch.Leases.Count == 0)
            {
                // Idle: ask again later, or as soon as the server says there is work.
                await _nudge.WaitAsync(TimeSpan.FromMilliseconds(Math.Max(100, batch.RetryAfterMs)), stop).ConfigureAwait(false);
            }
        }
    }

    private async Task RunLeasesAsync(ChannelReader<(WorkLease Lease, JobCode Code)> leases, ChannelWriter<WorkResult> results, CancellationToken stop)
    {
        try
        {
            await foreach (var (lease, code) in leases.ReadAllAsync(stop).ConfigureAwait(false))
            {
                if (clock.GetUtcNow() >= lease.Deadline)
                {
                    Figures.AddSkipped();
                    continue;
                }

                var limits = new SandboxLimits(
                    TimeSpan.FromMilliseconds(code.CpuMillisPerUnit),
                    Math.Max(SandboxLimits.MinMemoryBytes, code.MemoryMegabytesPerUnit * 1024L * 1024),
                    MaxOutputBytes);
                var outcome = await pool.RunAsync(new TaskRun(code.Code, lease.InputJson, limits), stop).ConfigureAwait(false);
                Figures.AddRun(outcome.Succeeded);
                var cpu = (int)Math.Min(int.MaxValue, outcome.CpuMilliseconds);
                await results.WriteAsync(outcome.Succeeded
                    ? new WorkResult(lease.LeaseId, outcome.OutputJson, null, cpu)
                    : new WorkResult(lease.LeaseId, null, outcome.Error ?? "the task failed", cpu), CancellationToken.None).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // A task cut short by the end of watching has no result to send.
        }
    }

    private async Task SubmitResultsAsync(ChannelReader<WorkResult> results)
    {
        var pending = new List<WorkResult>(ResultsPerSubmit);
        var pendingChars = 0;
        while (await results.WaitToReadAsync().ConfigureAwait(false))
        {
            using (var gather = new CancellationTokenSource(SubmitEvery))
            {
                try
                {
                    while (!Full() && await results.WaitToReadAsync(gather.Token).ConfigureAwait(false) && TakeWhatFits())
                    {
                    }
                }
                catch (OperationCanceledException) when (gather.IsCancellationRequested)
                {
                    // Time to send what has gathered.
                }
            }

            await SendAsync(pending).ConfigureAwait(false);
            pending.Clear();
            pendingChars = 0;
        }

        bool Full() => pending.Count >= ResultsPerSubmit || pendingChars >= MaxBatchOutputChars;

        // False when the next result would overflow the batch: send what has gathered first.
        bool TakeWhatFits()
        {
            while (!Full() && results.TryPeek(out var next))
            {
                var size = next.OutputJson?.Length ?? 0;
                if (pending.Count > 0 && pendingChars + size > MaxBatchOutputChars)
                {
                    return false;
                }

                results.TryRead(out _);
                pending.Add(next);
                pendingChars += size;
            }

            return true;
        }
    }

    private async Task SendAsync(IReadOnlyList<WorkResult> results)
    {
        if (results.Count == 0)
        {
            return;
        }

        try
        {
            using var patience = new CancellationTokenSource(FinalSubmitPatience);
            var receipt = await hub.SubmitResultsAsync(results, patience.Token).ConfigureAwait(false);
            Figures.AddReceipt(receipt.Recorded, receipt.Refused.Count);
        }
        catch (Exception e) when (e is AgentFailure or OperationCanceledException or InvalidOperationException)
        {
            // The server could not take them (gone, or refusing): the leases expire and their units go to others.
            Figures.AddReceipt(0, results.Count);
        }
    }

    private void Nudge()
    {
        if (_nudge.CurrentCount == 0)
        {
            try
            {
                _nudge.Release();
            }
            catch (SemaphoreFullException)
            {
                // Already nudged.
            }
        }
    }
}
