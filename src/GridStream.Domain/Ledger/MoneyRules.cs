using System.Globalization;

namespace GridStream.Domain.Ledger;

/// <summary>
/// The arithmetic of money flows, in integers only: how a license sale splits between the content's owner and the
/// platform, how earned credits convert to cents for a payout, and how micro-credits read to a person.
/// </summary>
public static class MoneyRules
{
    public const long MicroCreditsPerCredit = 1_000_000;

    /// <summary>
    /// The platform's fee is the percentage of the price rounded down, and the owner gets the rest: the two always add
    /// up to the price exactly, and any fraction of a micro-credit is the owner's.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">A negative price, or a fee outside 0–100 %.</exception>
    public static SaleSplit SplitSale(long priceMicroCredits, int feePercent)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(priceMicroCredits);
        if (feePercent is < 0 or > 100)
        {
            throw new ArgumentOutOfRangeException(nameof(feePercent), feePercent, "The platform fee is a percentage from 0 to 100.");
        }

        // 128-bit so a price near long.MaxValue cannot overflow before the division.
        var fee = (long)((Int128)priceMicroCredits * feePercent / 100);
        return new SaleSplit(priceMicroCredits - fee, fee);
    }

    /// <summary>
    /// Whole cents only: cents = credits ÷ rate rounded down, and exactly cents × rate micro-credits are converted;
    /// the remainder (less than one cent's worth) stays where it was.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">Negative credits, or a rate below one micro-credit per cent.</exception>
    public static CreditConversion ToCents(long microCredits, long microCreditsPerCent)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(microCredits);
        ArgumentOutOfRangeException.ThrowIfLessThan(microCreditsPerCent, 1);
        var cents = microCredits / microCreditsPerCent;
        return new CreditConversion(cents, cents * microCreditsPerCent);
    }

    /// <summary>
    /// Micro-credits as credits for people: "12.50", "0.000001", "-3.00" — at least two decimals, at most six, with
    /// no trailing zeros beyond the second, invariant culture, exact (no floating point on the way).
    /// </summary>
    public static string FormatCredits(long microCredits)
    {
        var negative = microCredits < 0;
        // Unsigned magnitude so long.MinValue has one too.
        var magnitude = negative ? (ulong)(-(microCredits + 1)) + 1 : (ulong)microCredits;
        var whole = magnitude / MicroCreditsPerCredit;
        var fraction = (magnitude % MicroCreditsPerCredit).ToString("D6", CultureInfo.InvariantCulture).TrimEnd('0').PadRight(2, '0');
        return string.Create(CultureInfo.InvariantCulture, $"{(negative ? "-" : "")}{whole}.{fraction}");
    }
}

/// <summary>A sale's price split in two; <see cref="OwnerEarnings"/> + <see cref="PlatformFee"/> = the price.</summary>
public sealed record SaleSplit(long OwnerEarnings, long PlatformFee);

/// <summary>What a payout converts: <see cref="CreditsConverted"/> = <see cref="Cents"/> × the rate, never more than was there.</summary>
public sealed record CreditConversion(long Cents, long CreditsConverted);
