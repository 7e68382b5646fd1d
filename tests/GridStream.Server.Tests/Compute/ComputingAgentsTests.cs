using System.Net.Http.Json;
using System.Text.Json;
using GridStream.Agent.Cli;
using GridStream.Agent.Swarming;
using GridStream.Domain.Swarms.Protocol;
using GridStream.Server.Tests.Infrastructure;
using Xunit.Abstractions;

namespace GridStream.Server.Tests.Compute;

/// <summary>
/// The real agent computing while it watches: tasks run in the Jint sandbox's worker processes, leases and results
/// go over the real hub, and the customer follows the job with <c>gridstream jobs submit --watch</c>.
/// </summary>
public sealed class ComputingAgentsTests(ServerFixture fixture, ITestOutputHelper log) : IClassFixture<ServerFixture>
{
    private const string SumOfSquares =
        """
        function run(input) {
          let sum = 0;
          for (let i = 1; i <= input.n; i++) { sum += i * i; }
          return { n: input.n, sum: sum };
        }
        """;

    private GridStreamFactory Server => fixture.Server;

    [Fact]
    public async Task Six_watching_agents_complete_a_200_unit_job_that_the_customer_follows_to_correct_results()
    {
        await using var origin = await SegmentOrigin.StartAsync(segments: 400, segmentBytes: 8_000);
        var content = await OriginManifest.CreateAsync(Server, origin, segmentDurationMs: 500);
        var key = await CustomerKeyAsync();
        var folder = TempFolders.New("job");
        Directory.CreateDirectory(folder);
        WriteJobFolder(folder, units: 200);
        var resultsFile = Path.Combine(folder, "results.ndjson");
        using var customerOutput = new StringWriter();
        using var customerError = new StringWriter();
        using var http = new HttpClient();
        using var jobDone = new CancellationTokenSource();

        var follow = AgentCommandLine.RunAsync(
            ["jobs", "submit", folder, "--server", Server.Address.ToString(), "--api-key", key, "--watch", "--results", resultsFile],
            customerOutput, customerError, CancellationToken.None);
        var swarm = SwarmRunner.RunAsync(
            new SwarmSettings(Server.Address, new ContentRendition(content, OriginManifest.Rendition), Viewers: 6, TimeSpan.FromMinutes(3),
                ReportInterval: TimeSpan.FromMilliseconds(500), ProgressInterval: TimeSpan.FromSeconds(2), ComputingViewers: 6, ComputeCores: 2),
            http, new TestLog(log), CancellationToken.None, jobDone.Token);

        var exit = await follow.WaitAsync(TimeSpan.FromMinutes(4));
        await jobDone.CancelAsync();
        log.WriteLine(customerOutput.ToString());
        log.WriteLine(customerError.ToString());
        var outcomes = await swarm;
        log.WriteLine(SwarmSummary.Of(0, outcomes).ToText());

        Assert.Equal(0, exit);
        Assert.Contains("Completed", customerOutput.ToString(), StringComparison.Ordinal);
        var results = File.ReadAllLines(resultsFile).Select(line => JsonDocument.Parse(line).RootElement).ToList();
        Assert.Equal(Enumerable.Range(0, 200), results.Select(r => r.GetProperty("index").GetInt32()));
        Assert.All(results, result =>
        {
            var n = result.GetProperty("output").GetProperty("n").GetInt64();
            Assert.Equal(n * (n + 1) * (2 * n + 1) / 6, result.GetProperty("output").GetProperty("sum").GetInt64());
            Assert.True(result.GetProperty("agreed").GetInt32() >= 1);
        });
        Assert.True(outcomes.Count(agent => agent.Compute!.Recorded > 0) >= 2, "the work was spread over the agents");
        Assert.Equal(0, outcomes.Sum(agent => agent.Compute!.Failed));
        TempFolders.Delete(folder);
    }

    [Fact]
    public async Task Hostile_code_fails_its_units_with_a_reason_and_the_agent_keeps_working()
    {
        await using var origin = await SegmentOrigin.StartAsync(segments: 400, segmentBytes: 8_000);
        var content = await OriginManifest.CreateAsync(Server, origin, segmentDurationMs: 500);
        using var customer = await Server.SignedUpAsync("customer");
        var hostile = Jobs.IdOf(await Jobs.SubmitAsync(customer, new
        {
            name = "hostile",
            code = "function run(input) { if (input === 0) { while (true) {} } return new Uint8Array(1e9).length; }",
            inputs = new[] { 0, 1 },
            policy = new { quorum = 1, maxErrors = 1, cpuMillisPerUnit = 1_000, memoryMegabytesPerUnit = 64 },
            priceCentsPerUnit = 1,
        }));
        var honest = Jobs.IdOf(await Jobs.SubmitAsync(customer, new
        {
            name = "after the hostile one", code = SumOfSquares, inputs = new[] { new { n = 10 } }, policy = new { quorum = 1 }, priceCentsPerUnit = 1,
        }));
        using var http = new HttpClient();
        using var bothDone = new CancellationTokenSource();

        var swarm = SwarmRunner.RunAsync(
            new SwarmSettings(Server.Address, new ContentRendition(content, OriginManifest.Rendition), Viewers: 2, TimeSpan.FromMinutes(3),
                ReportInterval: TimeSpan.FromMilliseconds(500), ComputingViewers: 2, ComputeCores: 1),
            http, new TestLog(log), CancellationToken.None, bothDone.Token);
        try
        {
            await Jobs.WaitForStateAsync(customer, hostile, "Completed", TimeSpan.FromMinutes(2));
            await Jobs.WaitForStateAsync(customer, honest, "Completed", TimeSpan.FromMinutes(1));
        }
        finally
        {
            await bothDone.CancelAsync();
        }

        var outcomes = await swarm;

        log.WriteLine(SwarmSummary.Of(0, outcomes).ToText());
        var failures = await Jobs.ResultsAsync(customer, hostile);
        Assert.Equal(2, failures.Count);
        Assert.All(failures, failure => Assert.False(string.IsNullOrWhiteSpace(failure.GetProperty("error").GetString())));
        var done = Assert.Single(await Jobs.ResultsAsync(customer, honest));
        Assert.Equal(385, done.GetProperty("output").GetProperty("sum").GetInt64());
    }

    [Fact]
    public async Task Large_outputs_reach_the_server_in_batches_the_hub_accepts()
    {
        await using var origin = await SegmentOrigin.StartAsync(segments: 400, segmentBytes: 8_000);
        var content = await OriginManifest.CreateAsync(Server, origin, segmentDurationMs: 500);
        using var customer = await Server.SignedUpAsync("customer");
        var job = Jobs.IdOf(await Jobs.SubmitAsync(customer, new
        {
            name = "large outputs",
            code = "function run(i) { return { i: i, text: 'x'.repeat(200000) }; }",
            inputs = Enumerable.Range(0, 12).ToArray(),
            policy = new { quorum = 1 },
            priceCentsPerUnit = 1,
        }));
        using var http = new HttpClient();
        using var done = new CancellationTokenSource();

        var swarm = SwarmRunner.RunAsync(
            new SwarmSettings(Server.Address, new ContentRendition(content, OriginManifest.Rendition), Viewers: 1, TimeSpan.FromMinutes(3),
                ReportInterval: TimeSpan.FromMilliseconds(500), ComputingViewers: 1, ComputeCores: 2),
            http, new TestLog(log), CancellationToken.None, done.Token);
        try
        {
            await Jobs.WaitForStateAsync(customer, job, "Completed", TimeSpan.FromMinutes(2));
        }
        finally
        {
            await done.CancelAsync();
        }

        var outcome = Assert.Single(await swarm);
        Assert.Equal(12, outcome.Compute!.Recorded);
        var results = await Jobs.ResultsAsync(customer, job);
        Assert.All(results, r => Assert.Equal(200_000, r.GetProperty("output").GetProperty("text").GetString()!.Length));
    }

    private async Task<string> CustomerKeyAsync()
    {
        using var customer = await Server.SignedUpAsync("customer");
        var created = await customer.PostAsJsonAsync("/api/keys", new { name = "agent test" });
        created.EnsureSuccessStatusCode();
        return (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("secret").GetString()!;
    }

    private static void WriteJobFolder(string path, int units)
    {
        File.WriteAllText(Path.Combine(path, "task.js"), SumOfSquares);
        File.WriteAllText(Path.Combine(path, "job.json"), JsonSerializer.Serialize(new
        {
            name = "sum of squares",
            description = "Σ i² for i = 1..n",
            inputs = Enumerable.Range(0, units).Select(i => new { n = 1_000 + i }),
            policy = new { quorum = 2 },
            priceCentsPerUnit = 1,
        }));
    }
}
