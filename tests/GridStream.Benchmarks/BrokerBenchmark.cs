using System.Diagnostics;
using System.Globalization;
using GridStream.Domain.Swarms.Protocol;

namespace GridStream.Benchmarks;

/// <summary>
/// Validated units per second through the real broker of a running server (issue 4): a customer uploads a job of N
/// trivial units with quorum 2, then P peers — each its own account on its own /24 — lease in batches and answer at
/// once until the job completes. One run per batch size, each with a new job and new peer accounts, so every run starts
/// with no trust (adaptive replication warms up anew). Client and server share the machine.
/// </summary>
internal static class BrokerBenchmark
{
    /// <summary>BOINC's published server capacity, tasks per second per server, for the ratio the issue asks for.</summary>
    private const double BoincTasksPerSecond = 102;

    public static int Run(string[] arguments)
    {
        var (args, cpu) = CpuWatch.FromArguments(arguments);
        if (args.Length < 2)
        {
            Console.Error.WriteLine(
                "usage: broker <server-url> <content-id> [rendition=640x360] [units=100000] [peers=16] [batch sizes=10,100,200] [quorum=2]" +
                " [--server-pid PID] [--postgres-pid PID]");
            return 2;
        }

        var server = new Uri(args[0]);
        var watching = new ContentRendition(Guid.Parse(args[1]), args.Length > 2 ? args[2] : "640x360");
        var units = args.Length > 3 ? Number(args[3]) : 100_000;
        var peers = args.Length > 4 ? Number(args[4]) : 16;
        var batches = args.Length > 5 ? args[5].Split(',').Select(Number).ToArray() : [10, 100, 200];
        var quorum = args.Length > 6 ? Number(args[6]) : 2;
        return RunAsync(server, watching, units, peers, batches, quorum, cpu).GetAwaiter().GetResult();
    }

    private static int Number(string text) => int.Parse(text, CultureInfo.InvariantCulture);

    private static async Task<int> RunAsync(
        Uri server, ContentRendition watching, int units, int peerCount, int[] batches, int quorum, CpuWatch cpu)
    {
        using var customer = await BrokerCustomer.SignUpAsync(server);
        Console.WriteLine($"broker: {units:N0} units, quorum {quorum}, {peerCount} peers (own account and /24 each), trivial task answered without a sandbox");
        var rows = new List<string>();
        var peerNumber = 0;

        // A first, shorter job that is not reported: the server's code is still being compiled to its optimised tier,
        // which would weigh on whichever run came first.
        var warmUp = await RunOnceAsync(server, watching, customer, Math.Min(units, 10_000), peerCount, batches[0], quorum, cpu, peerNumber);
        peerNumber += peerCount;
        Console.WriteLine($"warm-up (not counted): {warmUp}");

        foreach (var batch in batches)
        {
            var row = await RunOnceAsync(server, watching, customer, units, peerCount, batch, quorum, cpu, peerNumber);
            peerNumber += peerCount;
            rows.Add(row);
            Console.WriteLine(row);
        }

        Console.WriteLine();
        Console.WriteLine(Header);
        Console.WriteLine(string.Join('\n', rows));
        return 0;
    }

    /// <summary>One job with its own new peers, from upload to the last accepted unit; returns its table row.</summary>
    private static async Task<string> RunOnceAsync(
        Uri server, ContentRendition watching, BrokerCustomer customer, int units, int peerCount, int batch, int quorum, CpuWatch cpu, int firstPeer)
    {
        var upload = Stopwatch.StartNew();
        var job = await customer.SubmitAsync($"broker benchmark, batches of {batch}", units, quorum);
        upload.Stop();

        var peers = new List<BrokerPeer>();
        for (var i = 0; i < peerCount; i++)
        {
            peers.Add(await BrokerPeer.StartAsync(server, watching, firstPeer + i));
        }

        using var finished = new CancellationTokenSource();
        var cpuBefore = cpu.Read();
        var started = DateTimeOffset.UtcNow;
        var working = peers.Select(peer => Task.Run(() => peer.WorkAsync(batch, finished.Token))).ToList();
        var end = await FollowAsync(customer, job, started);
        await finished.CancelAsync();
        await Task.WhenAll(working);
        var cpuUsed = cpu.Read() - cpuBefore;

        var check = await customer.CheckResultsAsync(job);
        await Task.WhenAll(peers.Select(peer => peer.DisposeAsync().AsTask()));
        return Row(batch, units, peers, end.FinishedAt!.Value - started, end.Counts.Accepted, check, upload.Elapsed, cpuUsed);
    }

    /// <summary>
    /// Polls the job once a second, as a customer's progress view would (each poll counts the job's units, which is not
    /// free for the server); the end time is the server's own finishedAt, so polling does not blur it.
    /// </summary>
    private static async Task<Server.Compute.JobDetails> FollowAsync(BrokerCustomer customer, Guid job, DateTimeOffset started)
    {
        for (var poll = 1; ; poll++)
        {
            await Task.Delay(TimeSpan.FromSeconds(1));
            var now = await customer.DetailsAsync(job);
            if (now.FinishedAt is not null)
            {
                return now;
            }

            if (poll % 5 == 0)
            {
                Console.WriteLine(
                    $"  {(DateTimeOffset.UtcNow - started).TotalSeconds,5:0} s: {now.Counts.Accepted:N0} accepted, {now.Counts.InProgress:N0} in progress, {now.Counts.Failed:N0} failed");
            }
        }
    }

    private const string Header =
        "| batch | units | peers | time | validated units/s | × BOINC (102/s) | replicas / accepted unit | accepted alone | lease p50 / p99 | submit p50 / p99 | refused | throttled | failed calls | empty leases | wrong | upload | CPU µs / unit: server, PostgreSQL, client |\n" +
        "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|";

    private static string Row(
        int batch, int units, IReadOnlyList<BrokerPeer> peers, TimeSpan elapsed, long accepted, ResultCheck check, TimeSpan upload, CpuTimes cpu)
    {
        var leasing = Latencies.Merge("lease", peers.Select(p => p.Leasing));
        var submitting = Latencies.Merge("submit", peers.Select(p => p.Submitting));
        var perSecond = accepted / elapsed.TotalSeconds;
        var replicas = peers.Sum(p => p.Leased) / (double)Math.Max(1, accepted);
        return string.Create(CultureInfo.InvariantCulture,
            $"| {batch} | {units:N0} | {peers.Count} | {elapsed.TotalSeconds:0.0} s | {perSecond:N0} | {perSecond / BoincTasksPerSecond:0}× | {replicas:0.000} | " +
            $"{100.0 * check.AcceptedAlone / Math.Max(1, accepted):0.0} % | {leasing.Millis(0.5):0.0} / {leasing.Millis(0.99):0.0} ms | " +
            $"{submitting.Millis(0.5):0.0} / {submitting.Millis(0.99):0.0} ms | {peers.Sum(p => p.Refused)} | {peers.Sum(p => p.Throttled)} | {peers.Sum(p => p.Failures)} | " +
            $"{peers.Sum(p => p.EmptyLeases)} | {check.Wrong + check.Failed} | {upload.TotalSeconds:0.0} s | {cpu.PerUnit(accepted)} |");
    }
}
