using CsCheck;
using GridStream.Domain.Payouts;

namespace GridStream.Domain.Tests.Payouts;

public sealed class StatementTests
{
    private static readonly DateTimeOffset Noon = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

    private static PayoutStatement Statement(params StatementLine[] lines)
    {
        var totals = StatementTotals.Of(lines);
        var figures = PayoutFigures.At(outstanding: 1_000_000 + totals.EarningsMicroCredits, totals.EarningsMicroCredits, creditsConverted: 1_230_000);
        return new PayoutStatement(
            Guid.Parse("0195f000-0000-7000-8000-000000000001"), Guid.Parse("0195f000-0000-7000-8000-000000000002"), Noon.AddDays(-1), Noon,
            PayoutState.InTransit, "manual", null, null, "payout:x:credits", lines, totals, figures.BroughtForward, figures.CreditsConverted,
            figures.CarriedForward, 10_000, 123, Dollars.FromCents(123));
    }

    [Theory]
    [InlineData(0, "0.00")]
    [InlineData(5, "0.05")]
    [InlineData(123, "1.23")]
    [InlineData(100_000, "1000.00")]
    [InlineData(-5, "-0.05")]
    [InlineData(long.MinValue, "-92233720368547758.08")]
    public void Cents_read_as_dollars_with_two_decimals(long cents, string expected) => Assert.Equal(expected, Dollars.FromCents(cents));

    [Fact]
    public void Brought_forward_plus_earnings_minus_converted_is_carried_forward() =>
        Gen.Select(Gen.Long[0, 1_000_000_000], Gen.Long[0, 1_000_000_000], Gen.Long[0, 1_000_000_000]).Sample((before, earned, converted) =>
        {
            var outstanding = before + earned;
            if (converted > outstanding)
            {
                return;
            }

            var figures = PayoutFigures.At(outstanding, earned, converted);

            Assert.True(figures.TiesOut);
            Assert.Equal(before, figures.BroughtForward);
            Assert.Equal(outstanding - converted, figures.CarriedForward);
        });

    [Fact]
    public void Figures_that_cannot_be_refuse_to_be_made()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => PayoutFigures.At(100, 101, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => PayoutFigures.At(100, 0, 101));
        Assert.Throws<ArgumentOutOfRangeException>(() => PayoutFigures.At(100, -1, 0));
    }

    [Fact]
    public void A_statement_ties_out_when_each_sale_splits_into_fee_and_earnings()
    {
        var good = Statement(new StatementLine(Noon, "Film", Guid.NewGuid(), 1_000_000, 200_000, 800_000));
        var bad = Statement(new StatementLine(Noon, "Film", Guid.NewGuid(), 1_000_000, 200_000, 700_000));

        Assert.True(good.TiesOut);
        Assert.False(bad.TiesOut);
    }

    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("a,b", "\"a,b\"")]
    [InlineData("say \"hi\"", "\"say \"\"hi\"\"\"")]
    [InlineData("two\r\nlines", "\"two\r\nlines\"")]
    [InlineData("", "")]
    public void Csv_fields_are_quoted_as_rfc_4180_says(string value, string expected) => Assert.Equal(expected, StatementCsv.Field(value));

    [Fact]
    public void The_csv_has_the_summary_then_one_row_per_sale_with_crlf_line_ends()
    {
        var license = Guid.Parse("0195f000-0000-7000-8000-0000000000aa");
        var statement = Statement(
            new StatementLine(Noon.AddHours(-2), "Sunset, \"live\"", license, 1_000_000, 200_000, 800_000),
            new StatementLine(Noon.AddHours(-1), "Plain", license, 500_001, 100_001, 400_000));

        var csv = StatementCsv.Write(statement);
        var rows = csv.Split("\r\n");

        Assert.DoesNotContain("\n", csv.Replace("\r\n", "", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Equal("field,value", rows[0]);
        Assert.Contains("payout_cents,123", rows);
        Assert.Contains("payout_dollars,1.23", rows);
        Assert.Contains("earnings_micro_credits,1200000", rows);
        Assert.Contains("fees_micro_credits,300001", rows);
        Assert.Contains("sales_micro_credits,1500001", rows);
        Assert.Contains("brought_forward_micro_credits,1000000", rows);
        Assert.Contains("carried_forward_micro_credits,970000", rows);
        var header = Array.IndexOf(rows, string.Join(',', StatementCsv.SalesHeader));
        Assert.Equal("", rows[header - 1]);
        Assert.Equal($"2026-11-25T10:00:00.000000Z,\"Sunset, \"\"live\"\"\",{license},1000000,200000,800000", rows[header + 1]);
        Assert.Equal($"2026-11-25T11:00:00.000000Z,Plain,{license},500001,100001,400000", rows[header + 2]);
        Assert.Equal("", rows[^1]);
    }
}
