using System.Text.Json;
using GridStream.Agent.Demo;
using GridStream.Domain.Payouts;
using GridStream.Server.Payouts;

namespace GridStream.Server.Tests.Demo;

/// <summary>The demo reads the credits identity out of the server's own reconciliation report, as the server writes it.</summary>
public sealed class DemoBooksTests
{
    [Theory]
    [InlineData(10_000_000, 4_000_000, 6_000_000, true)]
    [InlineData(10_000_000, 4_000_000, 5_999_999, false)]
    [InlineData(0, 0, 0, true)]
    public void The_credits_identity_is_read_with_its_signs_and_checked(long issued, long spent, long wallets, bool addsUp)
    {
        var report = new ReconciliationReport(
            DateTimeOffset.UnixEpoch, addsUp, [ReconciliationIdentity.Earnings(5, 1, 1, 3), ReconciliationIdentity.Credits(issued, spent, wallets)], [], 2, [], []);
        var json = JsonSerializer.SerializeToElement(report, new JsonSerializerOptions(JsonSerializerDefaults.Web));

        var books = DemoPayouts.Books(json);

        Assert.Equal((issued, spent, wallets), (books.CreditsIssuedMicroCredits, books.CreditsSpentMicroCredits, books.CreditsInWalletsMicroCredits));
        Assert.Equal(addsUp, books.CreditsAddUp);
        Assert.Equal(addsUp, books.Balanced);
        Assert.Equal(2, books.UnmatchedRows);
    }

    [Fact]
    public void A_report_without_the_credits_identity_is_a_clear_failure()
    {
        var report = new ReconciliationReport(DateTimeOffset.UnixEpoch, true, [ReconciliationIdentity.Earnings(5, 1, 1, 3)], [], 0, [], []);
        var json = JsonSerializer.SerializeToElement(report, new JsonSerializerOptions(JsonSerializerDefaults.Web));

        var failure = Assert.Throws<GridStream.Agent.Cli.AgentFailure>(() => DemoPayouts.Books(json));
        Assert.Contains("credits identity", failure.Message, StringComparison.Ordinal);
    }
}
