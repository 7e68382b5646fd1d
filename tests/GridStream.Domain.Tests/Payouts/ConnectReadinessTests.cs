using GridStream.Domain.Payouts;

namespace GridStream.Domain.Tests.Payouts;

public sealed class ConnectReadinessTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

    private static ConnectAccountStatus Status(bool payouts, bool transfers, int secondsAfter, params string[] due) =>
        new(payouts, transfers, due, T0.AddSeconds(secondsAfter));

    [Fact]
    public void The_newest_observation_wins_whatever_order_they_arrive_in()
    {
        var older = Status(false, false, 0, "external_account");
        var newer = Status(true, true, 5);

        Assert.True(ConnectReadiness.Replaces(null, older));
        Assert.True(ConnectReadiness.Replaces(older, newer));
        Assert.False(ConnectReadiness.Replaces(newer, older));
        Assert.True(ConnectReadiness.Replaces(newer, Status(false, true, 9, "external_account")));
    }

    [Fact]
    public void Within_one_second_the_further_along_status_wins_and_a_repeat_changes_nothing()
    {
        var behind = Status(false, false, 3, "tos_acceptance.date");
        var ahead = Status(true, true, 3);

        Assert.True(ConnectReadiness.Replaces(behind, ahead));
        Assert.False(ConnectReadiness.Replaces(ahead, behind));
        Assert.False(ConnectReadiness.Replaces(ahead, ahead));
    }

    [Fact]
    public void Only_an_account_with_payouts_enabled_and_transfers_active_can_be_paid()
    {
        Assert.Null(ConnectReadiness.WhyCannotPay("acct_1", Status(true, true, 0)));
        Assert.Contains("not connected", ConnectReadiness.WhyCannotPay(null, null));
        Assert.Contains("not yet reported", ConnectReadiness.WhyCannotPay("acct_1", null));

        var reason = ConnectReadiness.WhyCannotPay("acct_1", Status(false, true, 0, "external_account", "tos_acceptance.date"));
        Assert.Contains("payouts are not enabled", reason);
        Assert.DoesNotContain("transfers capability", reason);
        Assert.Contains("external_account, tos_acceptance.date", reason);
        Assert.Contains("transfers capability is not active", ConnectReadiness.WhyCannotPay("acct_1", Status(true, false, 0)));
    }
}
