using GridStream.Domain.Compute;

namespace GridStream.Domain.Tests.Compute;

public sealed class TrustRulesTests
{
    [Fact]
    public void Trust_grows_by_one_per_valid_result_and_starts_at_ten()
    {
        var trust = 0;
        for (var i = 0; i < TrustRules.TrustedAfter - 1; i++)
        {
            trust = TrustRules.AfterValid(trust);
        }

        Assert.Equal(9, trust);
        Assert.False(TrustRules.IsTrusted(trust));
        Assert.True(TrustRules.IsTrusted(TrustRules.AfterValid(trust)));
        Assert.Equal(int.MaxValue, TrustRules.AfterValid(int.MaxValue));
    }

    [Fact]
    public void An_invalid_result_resets_trust_and_an_error_halves_it()
    {
        Assert.Equal(0, TrustRules.AfterInvalid(500));
        Assert.Equal(0, TrustRules.AfterInvalid(0));
        Assert.Equal(20, TrustRules.AfterError(40));
        Assert.Equal(5, TrustRules.AfterError(11));
        Assert.False(TrustRules.IsTrusted(TrustRules.AfterError(TrustRules.TrustedAfter)));
        Assert.Equal(0, TrustRules.AfterError(1));
    }

    [Fact]
    public void Nobody_runs_alone_before_being_trusted()
    {
        Assert.False(TrustRules.MayRunAlone(0, 0.0));
        Assert.False(TrustRules.MayRunAlone(9, 0.0));
    }

    /// <summary>1 − 1/CV: at 10 a draw below 0.9 runs alone, at 100 below 0.99.</summary>
    [Theory]
    [InlineData(10, 0.0, true)]
    [InlineData(10, 0.8999, true)]
    [InlineData(10, 0.9, false)]
    [InlineData(10, 0.95, false)]
    [InlineData(100, 0.9899, true)]
    [InlineData(100, 0.99, false)]
    public void A_trusted_account_runs_alone_with_probability_one_minus_one_over_its_trust(int trust, double draw, bool alone) =>
        Assert.Equal(alone, TrustRules.MayRunAlone(trust, draw));

    [Fact]
    public void The_share_of_solo_units_over_many_draws_is_one_minus_one_over_trust()
    {
        var random = new Random(1);
        var alone = Enumerable.Range(0, 100_000).Count(_ => TrustRules.MayRunAlone(20, random.NextDouble()));

        Assert.InRange(alone, 94_000, 96_000); // expected 95,000; the binomial spread is about ±70
    }

    [Theory]
    [InlineData(-0.1)]
    [InlineData(1.0)]
    [InlineData(double.NaN)]
    public void A_draw_outside_zero_to_one_is_refused(double draw) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => TrustRules.MayRunAlone(50, draw));

    [Fact]
    public void Negative_trust_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => TrustRules.AfterValid(-1));
        Assert.Throws<ArgumentOutOfRangeException>(() => TrustRules.AfterError(-1));
        Assert.Throws<ArgumentOutOfRangeException>(() => TrustRules.AfterInvalid(-1));
        Assert.Throws<ArgumentOutOfRangeException>(() => TrustRules.MayRunAlone(-1, 0.5));
    }
}
