using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using GridStream.Sandbox;

namespace GridStream.Benchmarks;

/// <summary>
/// The sandbox's costs: a cold worker start, the per-unit overhead of a warm worker (a trivial task, so nearly all
/// of it is the pool: framing, the process hop, a fresh engine), and Jint against node on each sample job's own
/// units (same task.js, same inputs; the outputs must be identical, as replicas on both engines have to agree).
/// </summary>
internal static class SandboxBenchmark
{
    private const string Trivial = "function run(input) { return input; }";
    private static readonly SandboxLimits Limits = new(TimeSpan.FromSeconds(60), 256L * 1024 * 1024);

    public static int Run(string[] args)
    {
        var units = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 2_000;
        var jobUnits = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 4;
        ColdStarts(5).GetAwaiter().GetResult();
        WarmOverhead(units).GetAwaiter().GetResult();
        foreach (var job in new[] { "primes-in-range", "monte-carlo-pi", "mandelbrot-tiles", "sha256-prefix" })
        {
            JintVersusNode(job, jobUnits).GetAwaiter().GetResult();
        }

        return 0;
    }

    private static async Task ColdStarts(int count)
    {
        var times = new List<double>();
        for (var i = 0; i < count; i++)
        {
            await using var pool = new SandboxPool(1);
            var started = Stopwatch.StartNew();
            Check(await pool.RunAsync(new TaskRun(Trivial, "1", Limits), CancellationToken.None));
            times.Add(started.Elapsed.TotalMilliseconds);
        }

        times.Sort();
        Console.WriteLine($"cold start (new worker + first trivial unit), {count} runs: median {times[count / 2]:F0} ms, min {times[0]:F0} ms, max {times[^1]:F0} ms");
    }

    private static async Task WarmOverhead(int units)
    {
        await using (var pool = new SandboxPool(1))
        {
            await pool.WarmUpAsync(Limits.MemoryBytes, CancellationToken.None);
            for (var i = 0; i < 200; i++)
            {
                Check(await pool.RunAsync(new TaskRun(Trivial, "1", Limits), CancellationToken.None));
            }

            var latencies = new List<double>(units);
            var cpu = 0L;
            var total = Stopwatch.StartNew();
            for (var i = 0; i < units; i++)
            {
                var input = i.ToString(CultureInfo.InvariantCulture);
                var started = Stopwatch.GetTimestamp();
                var outcome = await pool.RunAsync(new TaskRun(Trivial, input, Limits), CancellationToken.None);
                latencies.Add(Stopwatch.GetElapsedTime(started).TotalMicroseconds);
                Check(outcome);
                cpu += outcome.CpuMilliseconds;
            }

            latencies.Sort();
            Console.WriteLine(
                $"warm trivial unit, 1 worker, one at a time, n={units}: p50 {Percentile(latencies, 0.50):F0} µs, " +
                $"p99 {Percentile(latencies, 0.99):F0} µs, max {latencies[^1]:F0} µs");
            Console.WriteLine($"  {units / total.Elapsed.TotalSeconds:F0} units/s; worker CPU per unit {(double)cpu / units:F2} ms; workers started {pool.WorkersStarted}");
        }

        await using (var pool = new SandboxPool(2))
        {
            await pool.WarmUpAsync(Limits.MemoryBytes, CancellationToken.None);
            var total = Stopwatch.StartNew();
            await Task.WhenAll(Enumerable.Range(0, 2).Select(async _ =>
            {
                for (var i = 0; i < units / 2; i++)
                {
                    Check(await pool.RunAsync(new TaskRun(Trivial, "1", Limits), CancellationToken.None));
                }
            }));
            Console.WriteLine($"warm trivial units, 2 workers, 2 callers: {units / total.Elapsed.TotalSeconds:F0} units/s");
        }
    }

    private static async Task JintVersusNode(string name, int count)
    {
        var folder = Path.Combine(RepositoryRoot(), "jobs", name);
        var code = File.ReadAllText(Path.Combine(folder, "task.js"));
        var all = JsonNode.Parse(File.ReadAllText(Path.Combine(folder, "job.json")))!["inputs"]!.AsArray();
        // Spread over the job: a Mandelbrot corner tile is far cheaper than one inside the set.
        var inputs = Enumerable.Range(0, count).Select(i => all[i * all.Count / count]!.ToJsonString()).ToList();

        await using var pool = new SandboxPool(1);
        await pool.WarmUpAsync(Limits.MemoryBytes, CancellationToken.None);
        Check(await pool.RunAsync(new TaskRun(code, inputs[0], Limits), CancellationToken.None)); // prepared script cached, JIT warm
        var jintOutputs = new List<string>();
        var jintWall = new List<double>();
        var jintCpu = 0L;
        foreach (var input in inputs)
        {
            var started = Stopwatch.StartNew();
            var outcome = await pool.RunAsync(new TaskRun(code, input, Limits), CancellationToken.None);
            jintWall.Add(started.Elapsed.TotalMilliseconds);
            Check(outcome);
            jintOutputs.Add(outcome.OutputJson!);
            jintCpu += outcome.CpuMilliseconds;
        }

        var (nodeOutputs, nodeMilliseconds) = RunNode(folder, inputs);
        var same = jintOutputs.SequenceEqual(nodeOutputs);
        var jintMean = jintWall.Average();
        var nodeMean = nodeMilliseconds.Average();
        Console.WriteLine(
            $"{name}: {count} units spread over job.json; Jint {jintMean:F0} ms per unit (worker CPU {(double)jintCpu / count:F0} ms), " +
            $"node {nodeMean:F1} ms per unit, Jint/node {jintMean / nodeMean:F0}×; outputs identical: {same}");
        if (!same)
        {
            throw new InvalidOperationException($"{name}: Jint and node disagree.");
        }
    }

    private static (List<string> Outputs, List<double> Milliseconds) RunNode(string folder, List<string> inputs)
    {
        var inputsFile = Path.GetTempFileName();
        try
        {
            File.WriteAllText(inputsFile, "[" + string.Join(',', inputs) + "]");
            var runner = Path.Combine(RepositoryRoot(), "tests", "GridStream.Benchmarks", "node-task-runner.js");
            var start = new ProcessStartInfo("node") { RedirectStandardOutput = true, UseShellExecute = false };
            start.ArgumentList.Add(runner);
            start.ArgumentList.Add(Path.Combine(folder, "task.js"));
            start.ArgumentList.Add(inputsFile);
            using var node = Process.Start(start)!;
            var output = node.StandardOutput.ReadToEnd();
            node.WaitForExit();
            var result = JsonNode.Parse(output)!;
            return (
                result["outputs"]!.AsArray().Select(item => (string)item!).ToList(),
                result["milliseconds"]!.AsArray().Select(item => (double)item!).ToList());
        }
        finally
        {
            File.Delete(inputsFile);
        }
    }

    private static double Percentile(List<double> sorted, double quantile) =>
        sorted[Math.Clamp((int)Math.Ceiling(quantile * sorted.Count) - 1, 0, sorted.Count - 1)];

    private static void Check(TaskOutcome outcome)
    {
        if (!outcome.Succeeded)
        {
            throw new InvalidOperationException(outcome.Error);
        }
    }

    private static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "GridStream.sln")))
            {
                return folder.FullName;
            }
        }

        throw new DirectoryNotFoundException("GridStream.sln not found above the benchmark.");
    }
}
