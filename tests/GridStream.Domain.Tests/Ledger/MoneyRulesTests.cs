using CsCheck;
using GridStream.Domain.Ledger;

namespace GridStream.Domain.Tests.Ledger;

public sealed class MoneyRulesTests
{
    [Theory]
    [InlineData(3_000_000, 20, 2_400_000, 600_000)]
    [InlineData(3_333_333, 20, 2_666_667, 666_666)]
    [InlineData(1, 20, 1, 0)]
    [InlineData(7, 50, 4, 3)]
    [InlineData(5_000_000, 0, 5_000_000, 0)]
    [InlineData(5_000_000, 100, 0, 5_000_000)]
    [InlineData(0, 20, 0, 0)]
    public void A_sale_splits_with_the_fee_rounded_down(long price, int feePercent, long owner, long fee) =>
        Assert.Equal(new SaleSplit(owner, fee), MoneyRules.SplitSale(price, feePercent));

    [Fact]
    public void A_price_near_the_largest_long_splits_without_overflow()
    {
        var split = MoneyRules.SplitSale(long.MaxValue, 99);

        Assert.Equal(long.MaxValue, split.OwnerEarnings + split.PlatformFee);
        Assert.Equal((long)((Int128)long.MaxValue * 99 / 100), split.PlatformFee);
    }

    [Theory]
    [InlineData(-1, 20)]
    [InlineData(100, -1)]
    [InlineData(100, 101)]
    public void Negative_prices_and_fees_outside_a_percentage_are_refused(long price, int feePercent) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => MoneyRules.SplitSale(price, feePercent));

    [Theory]
    [InlineData(0, 10_000, 0, 0)]
    [InlineData(9_999, 10_000, 0, 0)]
    [InlineData(10_000, 10_000, 1, 10_000)]
    [InlineData(2_666_667, 10_000, 266, 2_660_000)]
    [InlineData(long.MaxValue, 1, long.MaxValue, long.MaxValue)]
    public void Only_whole_cents_are_converted(long credits, long rate, long cents, long converted) =>
        Assert.Equal(new CreditConversion(cents, converted), MoneyRules.ToCents(credits, rate));

    [Theory]
    [InlineData(-1, 10_000)]
    [InlineData(10, 0)]
    [InlineData(10, -3)]
    public void Negative_credits_and_rates_below_one_are_refused(long credits, long rate) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => MoneyRules.ToCents(credits, rate));

    [Theory]
    [InlineData(0, "0.00")]
    [InlineData(1, "0.000001")]
    [InlineData(10_000, "0.01")]
    [InlineData(12_500_000, "12.50")]
    [InlineData(1_234_567, "1.234567")]
    [InlineData(1_230_000, "1.23")]
    [InlineData(-2_500_000, "-2.50")]
    [InlineData(-1, "-0.000001")]
    [InlineData(long.MinValue, "-9223372036854.775808")]
    [InlineData(long.MaxValue, "9223372036854.775807")]
    public void Credits_read_exactly_with_at_least_two_decimals(long microCredits, string expected) =>
        Assert.Equal(expected, MoneyRules.FormatCredits(microCredits));

    [Fact]
    public void Owner_and_fee_always_add_up_to_the_price_and_the_fee_is_never_above_its_share() =>
        Gen.Select(Gen.Long[0, long.MaxValue], Gen.Int[0, 100]).Sample((price, percent) =>
        {
            var split = MoneyRules.SplitSale(price, percent);

            Assert.Equal(price, split.OwnerEarnings + split.PlatformFee);
            Assert.InRange(split.PlatformFee, 0, price);
            // The fee is the largest whole amount not above percent % of the price.
            Assert.True((Int128)split.PlatformFee * 100 <= (Int128)price * percent);
            Assert.True((Int128)(split.PlatformFee + 1) * 100 > (Int128)price * percent);
        });

    [Fact]
    public void Conversion_never_takes_more_than_there_is_and_leaves_less_than_a_cent() =>
        Gen.Select(Gen.Long[0, long.MaxValue], Gen.Long[1, 100_000_000]).Sample((credits, rate) =>
        {
            var conversion = MoneyRules.ToCents(credits, rate);

            Assert.Equal(conversion.Cents * rate, conversion.CreditsConverted);
            Assert.InRange(conversion.CreditsConverted, 0, credits);
            Assert.InRange(credits - conversion.CreditsConverted, 0, rate - 1);
        });

    [Fact]
    public void Formatted_credits_read_back_to_the_same_micro_credits() =>
        Gen.Long.Sample(microCredits =>
        {
            var text = MoneyRules.FormatCredits(microCredits);
            var negative = text.StartsWith('-');
            var parts = text.TrimStart('-').Split('.');

            Assert.Equal(2, parts.Length);
            Assert.InRange(parts[1].Length, 2, 6);
            var magnitude = Int128.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture) * MoneyRules.MicroCreditsPerCredit
                + Int128.Parse(parts[1].PadRight(6, '0'), System.Globalization.CultureInfo.InvariantCulture);
            Assert.Equal((Int128)microCredits, negative ? -magnitude : magnitude);
        });
}
