using System.Diagnostics;
using GridStream.Domain.Compute.Protocol;
using GridStream.Domain.Swarms.Protocol;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace GridStream.Benchmarks;

/// <summary>
/// One simulated compute peer of the broker benchmark: its own viewer account and /24, registered on a demo item with
/// compute on, over the real hub. It leases a batch, answers every lease at once with the trivial task's output (its
/// input; no sandbox: the benchmark measures the broker) and leases again, timing each call as the caller sees it.
/// </summary>
internal sealed class BrokerPeer : IAsyncDisposable
{
    /// <summary>With no work it may take, a peer asks again after this long unless the server announces work sooner.</summary>
    private static readonly TimeSpan IdlePause = TimeSpan.FromMilliseconds(50);

    private readonly HubConnection _hub;
    private readonly SemaphoreSlim _workAnnounced = new(0, 1);

    private BrokerPeer(HubConnection hub)
    {
        _hub = hub;
        _hub.On(WorkHubMethods.WorkAvailable, () =>
        {
            if (_workAnnounced.CurrentCount == 0)
            {
                try
                {
                    _workAnnounced.Release();
                }
                catch (SemaphoreFullException)
                {
                    // Another announcement got there first; one wake-up is enough.
                }
            }
        });
    }

    public Latencies Leasing { get; } = new("lease", 4_096);
    public Latencies Submitting { get; } = new("submit", 4_096);
    public long Leased { get; private set; }
    public long Recorded { get; private set; }
    public long Refused { get; private set; }
    public long EmptyLeases { get; private set; }
    public long Throttled { get; private set; }

    /// <summary>Calls the server failed (not refusals or throttling): zero in a healthy run.</summary>
    public long Failures { get; private set; }

    /// <param name="number">Gives the peer its own /24 (10.x.y.0/24), distinct from every other peer's.</param>
    public static async Task<BrokerPeer> StartAsync(Uri server, ContentRendition watching, int number)
    {
        var token = await BenchAccounts.TokenAsync(server, "viewer");
        var hub = new HubConnectionBuilder()
            .WithUrl(new Uri(server, PeerHubMethods.Path), options => options.AccessTokenProvider = () => Task.FromResult<string?>(token))
            .Build();
        var peer = new BrokerPeer(hub);
        await hub.StartAsync();
        var address = $"10.{100 + number / 250}.{number % 250}.7";
        await hub.InvokeAsync<RegisterResponse>(PeerHubMethods.Register, new RegisterRequest(
            watching, new DeclaredNetwork("edge-bench", ["home", $"isp-{number % 7}", "edge-bench"], 20_000, 5_000, DeclaredAddress: address),
            ComputeEnabled: true));
        return peer;
    }

    /// <summary>Leases and answers until <paramref name="finished"/> fires (the customer saw the job end).</summary>
    public async Task WorkAsync(int slots, CancellationToken finished)
    {
        while (!finished.IsCancellationRequested)
        {
            var started = Stopwatch.GetTimestamp();
            WorkBatch batch;
            try
            {
                batch = await _hub.InvokeAsync<WorkBatch>(WorkHubMethods.RequestWork, new WorkRequest(slots), finished);
            }
            catch (HubException e) when (e.Message.Contains("Too many calls", StringComparison.Ordinal))
            {
                Throttled++;
                await PauseAsync(finished);
                continue;
            }
            catch (HubException)
            {
                // The server failed this call (its log says why); a peer asks again, and the run reports how often.
                Failures++;
                await PauseAsync(finished);
                continue;
            }
            catch (OperationCanceledException) when (finished.IsCancellationRequested)
            {
                return;
            }

            if (batch.Leases.Count == 0)
            {
                EmptyLeases++;
                await PauseAsync(finished);
                continue;
            }

            Leasing.Add(Stopwatch.GetTimestamp() - started);
            Leased += batch.Leases.Count;
            await SubmitAsync([.. batch.Leases.Select(lease => new WorkResult(lease.LeaseId, lease.InputJson, null, 0))]);
        }
    }

    /// <summary>Results are always handed in, even after the job ended: the leases were taken, so they are answered.</summary>
    private async Task SubmitAsync(WorkResult[] results)
    {
        var failed = 0;
        while (true)
        {
            var started = Stopwatch.GetTimestamp();
            try
            {
                var receipt = await _hub.InvokeAsync<ResultsReceipt>(WorkHubMethods.SubmitResults, results);
                Submitting.Add(Stopwatch.GetTimestamp() - started);
                Recorded += receipt.Recorded;
                Refused += receipt.Refused.Count;
                return;
            }
            catch (HubException e) when (e.Message.Contains("Too many calls", StringComparison.Ordinal))
            {
                Throttled++;
                await Task.Delay(IdlePause);
            }
            catch (HubException) when (++failed < 3)
            {
                // Sent again: results recorded the first time are refused as already recorded, not counted twice.
                Failures++;
                await Task.Delay(IdlePause);
            }
        }
    }

    private async Task PauseAsync(CancellationToken finished)
    {
        try
        {
            await _workAnnounced.WaitAsync(IdlePause, finished);
        }
        catch (OperationCanceledException) when (finished.IsCancellationRequested)
        {
            // The job is over; the loop ends.
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _hub.DisposeAsync();
        _workAnnounced.Dispose();
    }
}
