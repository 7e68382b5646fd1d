using System.Text.Json;
using GridStream.Agent.Cli;
using GridStream.Server.Tests.Infrastructure;
using Xunit.Abstractions;

namespace GridStream.Server.Tests.Demo;

/// <summary>
/// `gridstream demo` against the real host with its demo on: headless viewers on the live demo stream compute the demo
/// customer's job, spend their credits, the owner is paid, and the books hold — all through the public API.
/// </summary>
public sealed class DemoCommandTests(DemoServerFixture fixture, ITestOutputHelper log) : IClassFixture<DemoServerFixture>
{
    private GridStreamFactory Server => fixture.Server;

    [Fact]
    public async Task A_sixty_second_demo_validates_units_shares_most_bytes_pays_the_owner_and_ties_out()
    {
        using var output = new StringWriter();
        using var progress = new StringWriter();

        var exit = await AgentCommandLine.RunAsync(
            ["demo", "--server", Server.Address.ToString(), "--seconds", "60", "--json", "--no-start", "--accounts-file", Server.DemoAccountsFile,
             "--admin-email", GridStreamFactory.AdminEmail, "--admin-password", GridStreamFactory.AdminPassword],
            output, progress, CancellationToken.None);

        log.WriteLine(progress.ToString());
        log.WriteLine(output.ToString());
        Assert.Equal(0, exit);
        var summary = JsonDocument.Parse(output.ToString()).RootElement;
        Assert.True(summary.GetProperty("unitsValidated").GetInt64() > 0);
        Assert.True(summary.GetProperty("p2pShare").GetDecimal() > 0.8m, $"P2P share {summary.GetProperty("p2pShare")}");
        Assert.Equal(0, summary.GetProperty("swarm").GetProperty("stalls").GetInt32());
        Assert.True(summary.GetProperty("creditsEarnedMicroCredits").GetInt64() > 0);
        Assert.True(summary.GetProperty("licensesBought").GetInt32() >= 2, "two sales are what pay the owner past the minimum");

        var books = summary.GetProperty("books");
        Assert.True(books.GetProperty("balanced").GetBoolean());
        Assert.Equal(0, books.GetProperty("unmatchedRows").GetInt64());
        Assert.True(books.GetProperty("creditsAddUp").GetBoolean());
        Assert.Equal(
            books.GetProperty("creditsInWalletsMicroCredits").GetInt64() + books.GetProperty("creditsSpentMicroCredits").GetInt64(),
            books.GetProperty("creditsIssuedMicroCredits").GetInt64());
        Assert.True(books.GetProperty("creditsSpentMicroCredits").GetInt64() > 0);

        var payout = summary.GetProperty("payout");
        Assert.Equal("Paid", payout.GetProperty("state").GetString());
        Assert.True(payout.GetProperty("statementTiesOut").GetBoolean());
        Assert.Equal(summary.GetProperty("licensesBought").GetInt32(), payout.GetProperty("statementLines").GetInt32());
        Assert.True(payout.GetProperty("cents").GetInt64() > 0);
    }

    [Fact]
    public async Task Without_a_server_and_with_no_start_the_demo_says_so_in_one_line()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exit = await AgentCommandLine.RunAsync(["demo", "--server", "http://127.0.0.1:9/", "--no-start"], output, error, CancellationToken.None);

        Assert.Equal(AgentCommandLine.Failed, exit);
        Assert.Contains("No GridStream server answers at http://127.0.0.1:9/", error.ToString(), StringComparison.Ordinal);
    }
}
