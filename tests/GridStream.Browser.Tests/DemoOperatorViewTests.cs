using System.Globalization;
using System.Text.Json;
using GridStream.Agent.Cli;
using GridStream.Browser.Tests.Infrastructure;
using GridStream.Domain.Demo;
using GridStream.Server.Tests.Infrastructure;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace GridStream.Browser.Tests;

/// <summary>
/// `gridstream demo` and the operator's page side by side: while the demo runs, the page shows its swarm on the live
/// stream; once it ends, the page's books show the demo's own figures (credits issued = in wallets + spent).
/// </summary>
public sealed class DemoOperatorViewTests(BrowserFixture fixture, ITestOutputHelper log) : IClassFixture<BrowserFixture>
{
    private const int DemoViewers = 10;

    [Fact]
    public async Task The_operator_view_shows_the_demos_swarm_while_it_runs_and_its_books_after()
    {
        var page = await fixture.NewPageAsync();
        await AdminSteps.SignInAsync(page, "demo-operator-01-sign-in");
        using var output = new StringWriter();
        using var progress = new StringWriter();
        var demo = AgentCommandLine.RunAsync(
            ["demo", "--server", fixture.Server.Address.ToString(), "--seconds", "40", "--json", "--no-start",
             "--accounts-file", fixture.Server.DemoAccountsFile, "--admin-email", GridStreamFactory.AdminEmail, "--admin-password", GridStreamFactory.AdminPassword],
            output, progress, CancellationToken.None);

        var row = page.Locator($"#swarms tr[data-content='{DemoItems.Live}'][data-rendition='{DemoItems.Rendition}']");
        await Assertions.Expect(row.Locator("[data-field=peers]")).ToHaveTextAsync(
            DemoViewers.ToString(CultureInfo.InvariantCulture), new() { Timeout = 180_000 });
        await page.WaitForFunctionAsync(
            $"() => Number(document.querySelector(\"#swarms tr[data-content='{DemoItems.Live}'] [data-field=share]\")?.dataset.value) >= 8000",
            null, new() { Timeout = 60_000, PollingInterval = 500 });
        await page.WaitForFunctionAsync("() => Number(document.querySelector('#broker-accepted')?.dataset.value) > 0", null, new() { Timeout = 60_000 });
        await Screenshots.SaveAsync(page, "demo-operator-02-swarm-while-the-demo-runs");

        var exit = await demo;
        log.WriteLine(progress.ToString());
        log.WriteLine(output.ToString());
        Assert.Equal(0, exit);
        var books = JsonDocument.Parse(output.ToString()).RootElement.GetProperty("books");
        var issued = books.GetProperty("creditsIssuedMicroCredits").GetInt64();
        var spent = books.GetProperty("creditsSpentMicroCredits").GetInt64();
        var wallets = books.GetProperty("creditsInWalletsMicroCredits").GetInt64();
        Assert.True(spent > 0, "the demo's viewers bought licenses with their credits");

        await page.Locator("#reconciliation-refresh").ClickAsync();
        await Assertions.Expect(page.Locator("#reconciliation-verdict")).ToHaveAttributeAsync("data-balanced", "true");
        var credits = page.Locator("#reconciliation tr[data-identity^='credits issued']");
        await Assertions.Expect(credits).ToHaveAttributeAsync("data-balanced", "true");
        await Assertions.Expect(credits.Locator("li[data-side='wallets']")).ToHaveAttributeAsync("data-total", wallets.ToString(CultureInfo.InvariantCulture));
        await Assertions.Expect(credits.Locator("li[data-side='issued − spent']")).ToHaveAttributeAsync(
            "data-total", (issued - spent).ToString(CultureInfo.InvariantCulture));
        await Assertions.Expect(page.Locator("#reconciliation-unmatched")).ToHaveAttributeAsync("data-count", "0");
        await Screenshots.SaveAsync(page, "demo-operator-03-books-after-the-demo");
        await page.Context.CloseAsync();
    }
}
