using GridStream.Domain.Payouts;
using GridStream.Server.Data;

namespace GridStream.Server.Payouts;

/// <summary>A payout as its owner and admins see it; amounts in micro-credits and cents.</summary>
public sealed record PayoutView(
    Guid Id, Guid OwnerId, DateTimeOffset PeriodStart, DateTimeOffset PeriodEnd, long CreditsConvertedMicroCredits, long Cents,
    string Dollars, long MicroCreditsPerCent, PayoutState State, string Gateway, string? ExternalReference, string? FailureReason,
    string TransferReference, DateTimeOffset CreatedAt, DateTimeOffset? SettledAt, string? StripeTransferId = null)
{
    public static PayoutView From(Payout payout) => new(
        payout.Id, payout.OwnerId, payout.PeriodStart, payout.PeriodEnd, payout.CreditsConvertedMicroCredits, payout.Cents,
        Domain.Payouts.Dollars.FromCents(payout.Cents), payout.MicroCreditsPerCent, payout.State, payout.Gateway,
        payout.ExternalReference, payout.FailureReason, PayoutKeys.Credits(payout.Id), payout.CreatedAt, payout.SettledAt, payout.StripeTransferId);
}

public sealed record PayoutPage(IReadOnlyList<PayoutView> Items, int Page, int PageSize, int Total);

/// <summary>An owner a run looked at but did not pay, and why.</summary>
public sealed record SkippedOwner(Guid OwnerId, string Reason);

/// <summary>
/// What a run did. <see cref="Ran"/> is false when another run held the lock: that run pays everyone due, this one
/// nothing.
/// </summary>
public sealed record PayoutRunReport(
    bool Ran, string? Note, DateTimeOffset At, long MinimumCents, long MicroCreditsPerCent, IReadOnlyList<PayoutView> Payouts,
    IReadOnlyList<SkippedOwner> Skipped)
{
    public long TotalCents => Payouts.Sum(p => p.Cents);
}

public sealed record ConfirmPayoutRequest(string? ExternalReference);

public sealed record FailPayoutRequest(string? Reason);
