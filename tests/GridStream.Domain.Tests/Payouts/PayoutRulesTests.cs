using CsCheck;
using GridStream.Domain.Payouts;

namespace GridStream.Domain.Tests.Payouts;

public sealed class PayoutRulesTests
{
    private static readonly PayoutPolicy Default = new(MicroCreditsPerCent: 10_000, MinimumCents: 100);

    [Fact]
    public void Whole_cents_are_converted_and_the_remainder_below_a_cent_stays_outstanding()
    {
        var decision = PayoutRules.Decide(outstandingMicroCredits: 1_234_567, revenueAvailableCents: 1_000_000, Default);

        Assert.Equal((123L, 1_230_000L), (decision.Cents, decision.MicroCredits));
        Assert.True(decision.IsDue);
        Assert.Null(decision.Reason);
    }

    [Fact]
    public void Exactly_the_minimum_is_paid_and_one_micro_credit_less_is_not()
    {
        Assert.Equal(100, PayoutRules.Decide(1_000_000, 500, Default).Cents);

        var below = PayoutRules.Decide(999_999, 500, Default);

        Assert.False(below.IsDue);
        Assert.Contains("99 cents, below the minimum payout of 100 cents", below.Reason);
    }

    [Fact]
    public void Nothing_outstanding_is_not_due()
    {
        Assert.False(PayoutRules.Decide(0, 500, Default).IsDue);
        Assert.False(PayoutRules.Decide(-5, 500, Default).IsDue);
    }

    [Fact]
    public void A_run_pays_no_more_than_platform_revenue_holds()
    {
        var partial = PayoutRules.Decide(5_000_000, revenueAvailableCents: 320, Default);
        var tooLittle = PayoutRules.Decide(5_000_000, revenueAvailableCents: 99, Default);

        Assert.Equal((320L, 3_200_000L), (partial.Cents, partial.MicroCredits));
        Assert.False(tooLittle.IsDue);
        Assert.Contains("platform revenue holds only 99 cents", tooLittle.Reason);
    }

    [Theory]
    [InlineData(0, 100)]
    [InlineData(10_000, 0)]
    [InlineData(-1, 100)]
    public void A_policy_without_a_rate_or_a_minimum_is_refused(long rate, long minimum) =>
        Assert.Throws<ArgumentException>(() => PayoutRules.Decide(1_000_000, 1_000, new PayoutPolicy(rate, minimum)));

    [Fact]
    public void Every_decision_converts_whole_cents_within_what_is_outstanding_and_what_revenue_holds() =>
        Gen.Select(Gen.Long[-10, 5_000_000_000], Gen.Long[-10, 1_000_000], Gen.Long[1, 50_000], Gen.Long[1, 2_000])
            .Sample((outstanding, revenue, rate, minimum) =>
            {
                var decision = PayoutRules.Decide(outstanding, revenue, new PayoutPolicy(rate, minimum));

                if (!decision.IsDue)
                {
                    Assert.Equal((0L, 0L), (decision.Cents, decision.MicroCredits));
                    Assert.False(string.IsNullOrEmpty(decision.Reason));
                    // Not due only when the owner's whole cents or the revenue fall short of the minimum.
                    Assert.True(outstanding / rate < minimum || revenue < minimum);
                    return;
                }

                Assert.Equal(decision.Cents * rate, decision.MicroCredits);
                Assert.InRange(decision.Cents, minimum, Math.Min(outstanding / rate, revenue));
                Assert.InRange(decision.MicroCredits, 1, outstanding);
                // Everything that could be paid is paid: what stays behind is less than a cent, or revenue ran out.
                Assert.True(outstanding - decision.MicroCredits < rate || decision.Cents == revenue);
            }, iter: 5_000);

    [Fact]
    public void Paying_what_was_decided_and_deciding_again_pays_nothing_more() =>
        Gen.Select(Gen.Long[0, 5_000_000_000], Gen.Long[0, 1_000_000], Gen.Long[1, 50_000], Gen.Long[1, 2_000])
            .Sample((outstanding, revenue, rate, minimum) =>
            {
                var policy = new PayoutPolicy(rate, minimum);
                var first = PayoutRules.Decide(outstanding, revenue, policy);
                var second = PayoutRules.Decide(outstanding - first.MicroCredits, revenue - first.Cents, policy);

                // A second run right after the first finds owners fully paid unless revenue capped the first.
                if (first.IsDue && first.Cents < revenue)
                {
                    Assert.False(second.IsDue);
                }

                Assert.True(first.MicroCredits + second.MicroCredits <= outstanding);
                Assert.True(first.Cents + second.Cents <= Math.Max(revenue, 0));
            }, iter: 5_000);
}
