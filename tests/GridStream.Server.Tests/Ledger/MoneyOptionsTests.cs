using GridStream.Server.Ledger;
using GridStream.Server.Tests.Infrastructure;

namespace GridStream.Server.Tests.Ledger;

public sealed class MoneyOptionsTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(20)]
    [InlineData(100)]
    public void A_fee_from_0_to_100_percent_is_accepted(int percent) =>
        Assert.Null(new MoneyOptions { PlatformFeePercent = percent }.Problem());

    [Theory]
    [InlineData(-1)]
    [InlineData(101)]
    public void A_fee_outside_0_to_100_percent_is_refused_with_the_setting_named(int percent) =>
        Assert.Contains("GridStream:Money:PlatformFeePercent", new MoneyOptions { PlatformFeePercent = percent }.Problem(), StringComparison.Ordinal);

    [Fact]
    public async Task A_server_with_an_impossible_fee_does_not_start_and_says_why()
    {
        await using var server = new GridStreamFactory(
            await TestCluster.CreateDatabaseAsync(), settings: new Dictionary<string, string> { ["GridStream:Money:PlatformFeePercent"] = "150" });

        var refusal = await Assert.ThrowsAnyAsync<Exception>(server.StartAsync);

        Assert.Contains("PlatformFeePercent", refusal.ToString(), StringComparison.Ordinal);
    }
}
