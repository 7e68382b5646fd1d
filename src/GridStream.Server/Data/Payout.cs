using GridStream.Domain.Payouts;

namespace GridStream.Server.Data;

/// <summary>
/// One owner's payout of one run: credits converted into cents at the rate of the day, the ledger transfers that
/// carry it (keys <c>payout:{Id}:credits</c> and <c>payout:{Id}:usd</c>) and the sales it explains — the owner's
/// license.earnings transfers with ids in (<see cref="SalesAfterTransferId"/>, <see cref="SalesThroughTransferId"/>].
/// Rows change only from InTransit to Paid or Failed.
/// </summary>
public sealed class Payout
{
    public Guid Id { get; set; }
    public Guid OwnerId { get; set; }
    public DateTimeOffset PeriodStart { get; set; }
    public DateTimeOffset PeriodEnd { get; set; }
    public long SalesAfterTransferId { get; set; }
    public long SalesThroughTransferId { get; set; }
    public long BroughtForwardMicroCredits { get; set; }
    public long PeriodEarningsMicroCredits { get; set; }
    public long CreditsConvertedMicroCredits { get; set; }
    public long CarriedForwardMicroCredits { get; set; }
    public long Cents { get; set; }
    public long MicroCreditsPerCent { get; set; }
    public PayoutState State { get; set; }
    public required string Gateway { get; set; }
    public string? ExternalReference { get; set; }
    public string? FailureReason { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? SettledAt { get; set; }

    /// <summary>The Stripe transfer that carries the payout (gateway "stripe"), once Stripe has answered or reported it.</summary>
    public string? StripeTransferId { get; set; }
}
