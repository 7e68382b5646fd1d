using GridStream.Browser.Tests.Infrastructure;
using GridStream.Server.Data;
using GridStream.Server.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static GridStream.Browser.Tests.Infrastructure.ViewerSteps;

namespace GridStream.Browser.Tests;

/// <summary>
/// Compute in the watch page (issue 7): a viewer switches it on, the page leases units from the hub, runs each in a
/// fresh Web Worker and hands the results in; customers get correct results and the viewer gets the credits. Hostile
/// task code is stopped at its time limit and cannot reach the network.
/// </summary>
public sealed class BrowserComputeTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>, IAsyncLifetime
{
    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => fixture.CloseOpenPagesAsync();

    private const string PrimeCount = """
        function run(below) {
          let primes = 0;
          for (let n = 2; n < below; n++) {
            let prime = true;
            for (let d = 2; d * d <= n; d++) {
              if (n % d === 0) { prime = false; break; }
            }
            if (prime) primes++;
          }
          return { below, primes };
        }
        """;

    private const string EndlessFirstUnit = """
        function run(unit) {
          if (unit === 0) { for (;;) {} }
          return unit * 3;
        }
        """;

    private const string HalfSecondUnit = """
        function run(unit) {
          const until = Date.now() + 500;
          while (Date.now() < until) {}
          return unit;
        }
        """;

    /// <summary>Each unit tries one way out; the last tries import(), which only the worker's CSP can stop.</summary>
    private const string Escapes = """
        function run(unit) {
          if (unit === 0) return fetch('/api/canary-fetch');
          if (unit === 1) { const request = new XMLHttpRequest(); request.open('GET', '/api/canary-xhr', false); request.send(); return request.status; }
          if (unit === 2) return new WebSocket('ws://' + self.location.host + '/api/canary-socket').readyState;
          new Function("return import('/api/canary-import')")().catch(() => {});
          const until = Date.now() + 500;
          while (Date.now() < until) {}
          return 'import tried';
        }
        """;

    private const string BadOutputs = """
        function run(unit) {
          if (unit === 0) return undefined;
          if (unit === 1) return BigInt(1);
          if (unit === 2) { const loop = {}; loop.self = loop; return loop; }
          if (unit === 3) return 'x'.repeat(300 * 1024);
          throw new RangeError('unit ' + unit + ' is out of range');
        }
        """;

    /// <summary>Known answers: the number of primes below 10, 100, …, 100,000.</summary>
    private static readonly (int Below, int Primes)[] PrimeCounts = [(10, 4), (100, 25), (1_000, 168), (10_000, 1_229), (100_000, 9_592)];

    private GridStreamFactory Server => fixture.Server;

    [Fact]
    public async Task A_page_with_compute_on_completes_leased_units_with_correct_results_and_the_credits_reach_its_wallet()
    {
        await WaitForDemoManifestsAsync(Server);
        using var customer = await Server.SignedUpAsync("customer");
        var page = await fixture.NewPageAsync();
        await SignUpAsync(page, "compute-01-sign-up");
        await page.GotoAsync($"/watch/{OnDemand}");
        await WaitUntilPlayingAsync(page, seconds: 2);
        await Assertions.Expect(page.Locator("#compute-state")).ToHaveTextAsync("off");
        await Screenshots.SaveAsync(page, "compute-02-off");

        await SwitchComputeOnAsync(page, sharePercent: 100);
        // 10 ¢ a unit: 100,000 µcr, of which the viewers' 70 % goes to the one valid replica.
        var job = Jobs.IdOf(await Jobs.SubmitAsync(customer, new
        {
            name = "prime counts", code = PrimeCount, inputs = PrimeCounts.Select(known => known.Below).ToArray(),
            policy = new { quorum = 1 }, priceCentsPerUnit = 10,
        }));
        await Jobs.WaitForStateAsync(customer, job, "Completed", TimeSpan.FromSeconds(90));

        var results = await Jobs.ResultsAsync(customer, job);
        Assert.Equal(PrimeCounts.Length, results.Count);
        foreach (var (result, index) in results.Select((result, index) => (result, index)))
        {
            Assert.Equal(index, result.GetProperty("index").GetInt32());
            Assert.Equal(PrimeCounts[index].Below, result.GetProperty("output").GetProperty("below").GetInt32());
            Assert.Equal(PrimeCounts[index].Primes, result.GetProperty("output").GetProperty("primes").GetInt32());
        }

        await Assertions.Expect(page.Locator("#compute-done")).ToHaveAttributeAsync("data-count", "5");
        await Assertions.Expect(page.Locator("#compute-failed")).ToHaveAttributeAsync("data-count", "0");
        await Assertions.Expect(page.Locator("#credits-earned")).ToHaveAttributeAsync("data-micro-credits", "350000", new() { Timeout = 30_000 });
        await Assertions.Expect(page.Locator("#credits-earned")).ToHaveTextAsync("0.35 credits");
        await Screenshots.SaveAsync(page, "compute-03-computing");

        // Paused playback computes nothing: a new job waits until the video plays again.
        await page.EvaluateAsync("() => document.querySelector('#player').pause()");
        await Assertions.Expect(page.Locator("#compute-state")).ToHaveTextAsync("paused");
        var later = Jobs.IdOf(await Jobs.SubmitAsync(customer, new
        {
            name = "while paused", code = PrimeCount, inputs = new[] { 20, 30 }, policy = new { quorum = 1 }, priceCentsPerUnit = 10,
        }));
        await Task.Delay(TimeSpan.FromSeconds(3));
        var waiting = await Jobs.GetAsync(customer, later);
        Assert.Equal(2, waiting.GetProperty("counts").GetProperty("waiting").GetInt64());
        await Screenshots.SaveAsync(page, "compute-04-paused");

        await page.EvaluateAsync("() => document.querySelector('#player').play()");
        await Jobs.WaitForStateAsync(customer, later, "Completed", TimeSpan.FromSeconds(60));
        await Assertions.Expect(page.Locator("#compute-done")).ToHaveAttributeAsync("data-count", "7");
        await Assertions.Expect(page.Locator("#credits-earned")).ToHaveAttributeAsync("data-micro-credits", "490000", new() { Timeout = 30_000 });

        await page.GetByRole(AriaRole.Link, new() { Name = "Wallet" }).ClickAsync();
        await page.WaitForURLAsync("**/wallet");
        await Assertions.Expect(page.Locator("#balance-available")).ToHaveTextAsync("0.49 credits");
        await Screenshots.SaveAsync(page, "compute-05-wallet");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Hostile_tasks_are_stopped_at_their_time_limit_cannot_reach_the_network_and_bad_outputs_become_errors()
    {
        await WaitForDemoManifestsAsync(Server);
        using var customer = await Server.SignedUpAsync("customer");
        var page = await fixture.NewPageAsync();
        await SignUpAsync(page, "hostile-01-sign-up");
        await page.GotoAsync($"/watch/{OnDemand}");
        await WaitUntilPlayingAsync(page, seconds: 2);
        await SwitchComputeOnAsync(page, sharePercent: 50);

        var endless = Jobs.IdOf(await Jobs.SubmitAsync(customer, new
        {
            name = "endless first unit", code = EndlessFirstUnit, inputs = new[] { 0, 1, 2 },
            policy = new { quorum = 1, maxErrors = 0, cpuMillisPerUnit = 1_000 }, priceCentsPerUnit = 1,
        }));
        var escapes = Jobs.IdOf(await Jobs.SubmitAsync(customer, new
        {
            name = "escapes", code = Escapes, inputs = new[] { 0, 1, 2, 3 },
            policy = new { quorum = 1, maxErrors = 0, cpuMillisPerUnit = 5_000 }, priceCentsPerUnit = 1,
        }));
        var badOutputs = Jobs.IdOf(await Jobs.SubmitAsync(customer, new
        {
            name = "bad outputs", code = BadOutputs, inputs = new[] { 0, 1, 2, 3, 4 }, policy = new { quorum = 1, maxErrors = 0 }, priceCentsPerUnit = 1,
        }));
        await Jobs.WaitForStateAsync(customer, endless, "Completed", TimeSpan.FromSeconds(90));
        await Jobs.WaitForStateAsync(customer, escapes, "Completed", TimeSpan.FromSeconds(90));
        await Jobs.WaitForStateAsync(customer, badOutputs, "Completed", TimeSpan.FromSeconds(90));

        // The endless unit was cut off at its 1 s limit, and the page went on to the next units.
        var endlessResults = await Jobs.ResultsAsync(customer, endless);
        Assert.True(endlessResults[0].TryGetProperty("error", out _), $"unit 0 should have failed: {endlessResults[0]}");
        Assert.Equal(3, endlessResults[1].GetProperty("output").GetInt32());
        Assert.Equal(6, endlessResults[2].GetProperty("output").GetInt32());
        var endlessError = Assert.Single(await ReplicaErrorsAsync(endless));
        Assert.Equal((0, "time limit of 1000 ms exceeded"), (endlessError.Unit, endlessError.Error));

        // The page's own error texts, as the server keeps them per replica.
        var escapeResults = await Jobs.ResultsAsync(customer, escapes);
        Assert.Equal("import tried", escapeResults[3].GetProperty("output").GetString());
        var escapeErrors = await ReplicaErrorsAsync(escapes);
        Assert.Equal([0, 1, 2], escapeErrors.Select(e => e.Unit));
        Assert.Equal("run threw TypeError: fetch is not a function", escapeErrors[0].Error);
        Assert.Equal("run threw TypeError: XMLHttpRequest is not a constructor", escapeErrors[1].Error);
        Assert.Equal("run threw TypeError: WebSocket is not a constructor", escapeErrors[2].Error);
        Assert.DoesNotContain(fixture.RequestPaths, path => path.Contains("canary", StringComparison.Ordinal));

        // What is not JSON, or too large, is the task's error, as in the agent.
        var outputErrors = await ReplicaErrorsAsync(badOutputs);
        Assert.Equal([0, 1, 2, 3, 4], outputErrors.Select(e => e.Unit));
        Assert.Equal("the output is not JSON: run returned undefined", outputErrors[0].Error);
        Assert.StartsWith("the output is not JSON: TypeError: Do not know how to serialize a BigInt", outputErrors[1].Error, StringComparison.Ordinal);
        Assert.StartsWith("the output is not JSON: TypeError: Converting circular structure to JSON", outputErrors[2].Error, StringComparison.Ordinal);
        Assert.Equal("the output is 307202 bytes, over the limit of 262144", outputErrors[3].Error);
        Assert.Equal("run threw RangeError: unit 4 is out of range", outputErrors[4].Error);

        await Assertions.Expect(page.Locator("#compute-failed")).ToHaveAttributeAsync("data-count", "9");
        await Assertions.Expect(page.Locator("#compute-done")).ToHaveAttributeAsync("data-count", "3");
        await Assertions.Expect(page.Locator("#compute-state")).ToHaveTextAsync("computing");
        await Screenshots.SaveAsync(page, "hostile-02-failures-counted");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task At_a_quarter_cpu_share_the_page_rests_three_times_as_long_as_a_task_ran()
    {
        await WaitForDemoManifestsAsync(Server);
        using var customer = await Server.SignedUpAsync("customer");
        var page = await fixture.NewPageAsync();
        await SignUpAsync(page, "share-01-sign-up");
        await page.GotoAsync($"/watch/{OnDemand}");
        await WaitUntilPlayingAsync(page, seconds: 2);
        await SwitchComputeOnAsync(page, sharePercent: 25);

        var job = Jobs.IdOf(await Jobs.SubmitAsync(customer, new
        {
            name = "half-second units", code = HalfSecondUnit, inputs = new[] { 0, 1, 2, 3 }, policy = new { quorum = 1 }, priceCentsPerUnit = 1,
        }));
        var finished = await Jobs.WaitForStateAsync(customer, job, "Completed", TimeSpan.FromSeconds(90));

        // Four 0.5 s tasks with 1.5 s rests between them take at least 6.5 s; back to back they take about 2.5 s.
        var took = finished.GetProperty("finishedAt").GetDateTimeOffset() - finished.GetProperty("createdAt").GetDateTimeOffset();
        Assert.True(took >= TimeSpan.FromSeconds(6), $"The job took {took.TotalSeconds:F1} s: the page did not rest between tasks.");
        await Assertions.Expect(page.Locator("#compute-done")).ToHaveAttributeAsync("data-count", "4");
        await Screenshots.SaveAsync(page, "share-02-quarter-share");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_task_stops_at_its_leases_deadline_and_a_lease_already_past_it_is_not_run()
    {
        await WaitForDemoManifestsAsync(Server);
        using var customer = await Server.SignedUpAsync("customer");
        var page = await fixture.NewPageAsync();
        await SignUpAsync(page, "deadline-01-sign-up");
        await page.GotoAsync($"/watch/{OnDemand}");
        await WaitUntilPlayingAsync(page, seconds: 2);
        await SwitchComputeOnAsync(page, sharePercent: 100);

        // The page leases both units at once; the first runs until the shared 5 s deadline, by which the second is late.
        var job = Jobs.IdOf(await Jobs.SubmitAsync(customer, new
        {
            name = "late second unit", code = EndlessFirstUnit, inputs = new[] { 0, 1 },
            policy = new { quorum = 1, maxErrors = 0, deadlineSeconds = 5, cpuMillisPerUnit = 60_000 }, priceCentsPerUnit = 1,
        }));
        await Jobs.WaitForStateAsync(customer, job, "Completed", TimeSpan.FromSeconds(90));

        var errors = await ReplicaErrorsAsync(job);
        Assert.Equal([0, 1], errors.Select(e => e.Unit));
        // Cut off a second before the deadline (so the error still counts), not at the job's 60 s.
        var limit = System.Text.RegularExpressions.Regex.Match(errors[0].Error ?? "", @"^time limit of (\d+) ms exceeded$");
        Assert.True(limit.Success, $"unit 0: {errors[0].Error}");
        Assert.InRange(int.Parse(limit.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), 2_500, 4_000);
        Assert.DoesNotContain("time limit", errors[1].Error, StringComparison.Ordinal);
        var state = page.Locator("#compute-state");
        await Assertions.Expect(state).ToHaveAttributeAsync("data-skipped", "1");
        await Assertions.Expect(state).ToHaveAttributeAsync("data-refused", "0");
        await Assertions.Expect(page.Locator("#compute-failed")).ToHaveAttributeAsync("data-count", "1");
        await Assertions.Expect(page.Locator("#compute-done")).ToHaveAttributeAsync("data-count", "0");
        await page.Context.CloseAsync();
    }

    /// <summary>Through the keyboard, as a viewer without a mouse would: the share first, then the switch.</summary>
    private static async Task SwitchComputeOnAsync(IPage page, int sharePercent)
    {
        var share = page.GetByLabel("CPU share");
        await share.FocusAsync();
        await share.SelectOptionAsync(sharePercent.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var toggle = page.GetByRole(AriaRole.Switch, new() { Name = "Compute while watching" });
        await toggle.FocusAsync();
        await page.Keyboard.PressAsync("Space");
        await Assertions.Expect(toggle).ToBeCheckedAsync();
        await Assertions.Expect(page.Locator("#compute-state")).ToHaveTextAsync("computing");
    }

    /// <summary>The errors the page handed in for the job's replicas, by unit.</summary>
    private async Task<List<(int Unit, string? Error)>> ReplicaErrorsAsync(Guid job)
    {
        using var scope = Server.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<GridStreamDbContext>();
        var errors = await db.Replicas.Where(r => r.JobId == job && r.Error != null)
            .Join(db.WorkUnits, r => r.UnitId, u => u.Id, (r, u) => new { u.Index, r.Error })
            .OrderBy(e => e.Index).ToListAsync();
        return [.. errors.Select(e => (e.Index, e.Error))];
    }
}
