using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using GridStream.Agent.Cli;
using GridStream.Browser.Tests.Infrastructure;
using GridStream.Server.Tests.Infrastructure;
using Microsoft.Playwright;

namespace GridStream.Browser.Tests;

/// <summary>
/// A compute customer's dashboard, walked as a person would: sign up as a customer, make an API key and use it, submit
/// pasted code, watch the job progress while headless agents compute it, download the verified results, see the usage.
/// </summary>
public sealed class CustomerDashboardTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>, IAsyncLifetime
{
    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => fixture.CloseOpenPagesAsync();

    private const int Units = 30;

    [Fact]
    public async Task A_customer_makes_a_key_submits_code_watches_it_complete_and_downloads_the_checked_results()
    {
        var page = await fixture.NewPageAsync();
        await page.GotoAsync("/signup");
        await page.GetByLabel("Email").FillAsync($"customer-{Guid.NewGuid():N}@gridstream.test");
        await page.GetByLabel("Password").FillAsync(ViewerSteps.Password);
        await page.GetByLabel("Account type").SelectOptionAsync("customer");
        await Screenshots.SaveAsync(page, "customer-01-sign-up");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign up" }).ClickAsync();
        await page.WaitForURLAsync("**/customer");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Compute jobs" })).ToBeVisibleAsync();

        // A key works for scripts at once, and not after it is revoked.
        await page.GetByLabel("Key name").FillAsync("build server");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create key" }).ClickAsync();
        var secret = await page.Locator("#new-key-secret").TextContentAsync();
        await Screenshots.SaveAsync(page, "customer-02-api-key");
        Assert.Equal(HttpStatusCode.OK, await JobsStatusWithKeyAsync(secret!));

        // Pasted code with inputs 1..30: two agents on their own accounts and subnets compute it in the sandbox.
        await page.GetByLabel("Job name").FillAsync("squares");
        await page.GetByLabel("Code (defines run(input))").FillAsync("function run(input) { return { n: input, square: input * input }; }");
        await page.GetByLabel("Inputs (a JSON array, one per unit)").FillAsync(JsonSerializer.Serialize(Enumerable.Range(1, Units)));
        await page.GetByLabel("Price per validated unit (cents)").FillAsync("3");
        await page.GetByRole(AriaRole.Button, new() { Name = "Submit job" }).ClickAsync();
        await Assertions.Expect(page.Locator(".job-card h3")).ToHaveTextAsync("squares");
        await Screenshots.SaveAsync(page, "customer-03-submitted");

        using var agents = new CancellationTokenSource();
        var computing = AgentCommandLine.RunAsync(
            ["swarm", "--server", fixture.Server.Address.ToString(), "--content", ViewerSteps.OnDemand.ToString(), "--rendition", "640x360",
             "--viewers", "2", "--compute", "2", "--cores", "1", "--seconds", "120"],
            TextWriter.Null, TextWriter.Null, agents.Token);
        await ViewerSteps.WaitForDemoManifestsAsync(fixture.Server);
        await Assertions.Expect(page.Locator(".job-card")).ToHaveAttributeAsync("data-state", "Completed", new() { Timeout = 120_000 });
        await Assertions.Expect(page.Locator("#job-accepted")).ToHaveTextAsync($"{Units} of {Units}");
        await Assertions.Expect(page.Locator("#job-cost")).ToHaveTextAsync($"{Units * 3 / 100m:0.00} USD");
        // The chart is drawn from the server's timeline, and says the same in words.
        await Assertions.Expect(page.Locator("#job-chart")).ToHaveAttributeAsync("data-cost-cents", (Units * 3).ToString(System.Globalization.CultureInfo.InvariantCulture));
        await Assertions.Expect(page.Locator("#job-chart canvas")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("#job-chart-summary")).ToContainTextAsync($"{Units} units decided");
        await Screenshots.SaveAsync(page, "customer-04-completed");
        await agents.CancelAsync();
        await computing;

        var download = await page.RunAndWaitForDownloadAsync(() => page.Locator("#job-results").ClickAsync());
        var lines = (await File.ReadAllLinesAsync((await download.PathAsync())!)).Where(line => line.Length > 0).ToList();
        Assert.Equal(Units, lines.Count);
        foreach (var line in lines)
        {
            var result = JsonDocument.Parse(line).RootElement;
            var output = result.GetProperty("output");
            var n = output.GetProperty("n").GetInt64();
            Assert.Equal(n * n, output.GetProperty("square").GetInt64());
            Assert.Equal(n - 1, result.GetProperty("index").GetInt64());
            Assert.Equal(2, result.GetProperty("agreed").GetInt32());
        }

        await page.ReloadAsync();
        await Assertions.Expect(page.Locator("#billing-usage")).ToHaveTextAsync($"{Units * 3 / 100m:0.00} USD");
        await Assertions.Expect(page.Locator("tr[data-job] progress")).ToHaveAttributeAsync("value", "100");
        await page.GetByRole(AriaRole.Button, new() { Name = "Revoke build server" }).ClickAsync();
        await Assertions.Expect(page.Locator("tr[data-key] td").Nth(4)).ToHaveTextAsync("Revoked");
        Assert.Equal(HttpStatusCode.Unauthorized, await JobsStatusWithKeyAsync(secret!));
        await Screenshots.SaveAsync(page, "customer-05-usage-and-revoked-key");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Code_that_does_not_parse_is_refused_with_where_the_error_is()
    {
        var page = await fixture.NewPageAsync();
        await page.GotoAsync("/signup");
        await page.GetByLabel("Email").FillAsync($"customer-{Guid.NewGuid():N}@gridstream.test");
        await page.GetByLabel("Password").FillAsync(ViewerSteps.Password);
        await page.GetByLabel("Account type").SelectOptionAsync("customer");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign up" }).ClickAsync();
        await page.WaitForURLAsync("**/customer");

        await page.GetByLabel("Job name").FillAsync("broken");
        await page.GetByLabel("Code (defines run(input))").FillAsync("function run(input) {\n  return input +;\n}");
        await page.GetByLabel("Inputs (a JSON array, one per unit)").FillAsync("[1, 2]");
        await page.GetByLabel("Price per validated unit (cents)").FillAsync("1");
        await page.GetByRole(AriaRole.Button, new() { Name = "Submit job" }).ClickAsync();

        await Assertions.Expect(page.Locator("form[aria-labelledby=submit-heading] .message")).ToContainTextAsync("line 2");
        await Screenshots.SaveAsync(page, "customer-06-syntax-error");
        await page.Context.CloseAsync();
    }

    private async Task<HttpStatusCode> JobsStatusWithKeyAsync(string secret)
    {
        using var client = new HttpClient { BaseAddress = fixture.Server.Address };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        using var response = await client.GetAsync("/api/jobs");
        return response.StatusCode;
    }
}
