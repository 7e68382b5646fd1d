namespace GridStream.Domain.Payouts;

/// <summary>One license sale of the owner's content: the price the viewer paid, the platform's fee and the owner's share.</summary>
public sealed record StatementLine(
    DateTimeOffset SoldAt, string ContentTitle, Guid LicenseId, long PriceMicroCredits, long FeeMicroCredits, long EarningsMicroCredits);

/// <summary>The statement's totals over its lines, in micro-credits.</summary>
public sealed record StatementTotals(long SalesMicroCredits, long FeesMicroCredits, long EarningsMicroCredits)
{
    public static StatementTotals Of(IReadOnlyCollection<StatementLine> lines)
    {
        ArgumentNullException.ThrowIfNull(lines);
        return new StatementTotals(
            lines.Sum(l => l.PriceMicroCredits), lines.Sum(l => l.FeeMicroCredits), lines.Sum(l => l.EarningsMicroCredits));
    }
}

/// <summary>
/// A payout explained: the sales of the period, their totals, what was outstanding before and after, and what was
/// converted at which rate into how many cents. <see cref="TransferReference"/> is the ledger key of the payout's
/// credits transfer; <see cref="ExternalReference"/> the gateway's (e.g. a bank or Stripe transfer id) once known.
/// </summary>
public sealed record PayoutStatement(
    Guid PayoutId,
    Guid OwnerId,
    DateTimeOffset PeriodStart,
    DateTimeOffset PeriodEnd,
    PayoutState State,
    string Gateway,
    string? ExternalReference,
    string? FailureReason,
    string TransferReference,
    IReadOnlyList<StatementLine> Lines,
    StatementTotals Totals,
    long BroughtForwardMicroCredits,
    long CreditsConvertedMicroCredits,
    long CarriedForwardMicroCredits,
    long MicroCreditsPerCent,
    long PayoutCents,
    string PayoutDollars)
{
    /// <summary>Brought forward + the period's earnings − converted = carried forward, and converted = cents × rate.</summary>
    public bool TiesOut =>
        BroughtForwardMicroCredits + Totals.EarningsMicroCredits - CreditsConvertedMicroCredits == CarriedForwardMicroCredits
        && CreditsConvertedMicroCredits == PayoutCents * MicroCreditsPerCent
        && Lines.All(l => l.PriceMicroCredits == l.FeeMicroCredits + l.EarningsMicroCredits);
}
