using GridStream.Domain.Ledger;

namespace GridStream.Domain.Payouts;

/// <summary>A payout made through Stripe, as our books have it, with the connected account it was meant for.</summary>
public sealed record StripePayoutRow(Guid PayoutId, long Cents, PayoutState State, string? Destination);

/// <summary>A transfer as Stripe lists it; <see cref="TransferGroup"/> carries our payout id.</summary>
public sealed record StripeTransferRow(string TransferId, long Amount, long AmountReversed, string? Destination, string? TransferGroup);

public sealed record TransferMismatch(string Kind, string Reference, long? Amount, string Problem);

/// <summary>The two sides' totals and every row that has no counterpart or does not agree with it.</summary>
public sealed record TransferMatch(long PaidCents, long TransferredCents, IReadOnlyList<TransferMismatch> Mismatches)
{
    public ReconciliationIdentity Identity => new(
        "Σ paid Stripe payouts = Σ Stripe transfers not reversed", Currency.Usd,
        [
            new("paid Stripe payouts", [new("Σ cents of paid payouts (gateway stripe)", PaidCents)]),
            new("Stripe transfers", [new("Σ amount − amount reversed", TransferredCents)]),
        ]);
}

/// <summary>
/// Our Stripe payouts against Stripe's transfers, matched by transfer group (= payout id): every payout has exactly
/// one transfer of its amount to its owner's account, and every transfer belongs to a payout.
/// </summary>
public static class TransferMatching
{
    public static TransferMatch Match(IReadOnlyList<StripePayoutRow> payouts, IReadOnlyList<StripeTransferRow> transfers)
    {
        ArgumentNullException.ThrowIfNull(payouts);
        ArgumentNullException.ThrowIfNull(transfers);
        var byGroup = transfers.ToLookup(t => t.TransferGroup ?? "", StringComparer.Ordinal);
        var payoutIds = payouts.Select(p => p.PayoutId.ToString("D")).ToHashSet(StringComparer.Ordinal);
        var mismatches = new List<TransferMismatch>();
        foreach (var payout in payouts)
        {
            var id = payout.PayoutId.ToString("D");
            var own = byGroup[id].ToList();
            var live = own.Where(t => t.AmountReversed < t.Amount).ToList();
            if (own.Count == 0 && payout.State != PayoutState.Failed)
            {
                mismatches.Add(new("stripe-payout-without-transfer", id, payout.Cents,
                    payout.State == PayoutState.Paid
                        ? "A paid Stripe payout has no Stripe transfer."
                        : "A Stripe payout in transit has no Stripe transfer yet (the next payout run sends it again under the same key)."));
            }

            if (own.Count > 1)
            {
                mismatches.Add(new("stripe-payout-with-several-transfers", id, payout.Cents,
                    $"The payout has {own.Count} Stripe transfers: {string.Join(", ", own.Select(t => t.TransferId))}."));
            }

            if (payout.State == PayoutState.Failed && live.Count > 0)
            {
                mismatches.Add(new("stripe-failed-payout-with-transfer", id, payout.Cents,
                    $"The payout failed in our books but Stripe transfer {live[0].TransferId} was not reversed."));
            }

            foreach (var transfer in own)
            {
                if (transfer.Amount != payout.Cents)
                {
                    mismatches.Add(new("stripe-transfer-amount-differs", transfer.TransferId, transfer.Amount,
                        $"Transfer of {transfer.Amount} cents for payout {id} of {payout.Cents} cents."));
                }

                if (!string.Equals(transfer.Destination, payout.Destination, StringComparison.Ordinal))
                {
                    mismatches.Add(new("stripe-transfer-destination-differs", transfer.TransferId, transfer.Amount,
                        $"Transfer to {transfer.Destination} for payout {id} of an owner whose account is {payout.Destination ?? "(none)"}."));
                }
            }
        }

        mismatches.AddRange(transfers.Where(t => t.TransferGroup is null || !payoutIds.Contains(t.TransferGroup))
            .Select(t => new TransferMismatch("stripe-transfer-without-payout", t.TransferId, t.Amount,
                $"Stripe transfer to {t.Destination} (group {t.TransferGroup ?? "none"}) belongs to no Stripe payout.")));
        var paid = payouts.Where(p => p.State == PayoutState.Paid).Sum(p => checked(p.Cents));
        var transferred = transfers.Sum(t => checked(t.Amount - t.AmountReversed));
        return new TransferMatch(paid, transferred, mismatches);
    }
}
