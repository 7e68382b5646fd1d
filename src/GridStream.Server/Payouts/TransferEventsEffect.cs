using GridStream.Domain.Ledger;
using GridStream.Domain.Payouts;
using GridStream.Server.Billing;
using GridStream.Server.Data;
using GridStream.Server.Ledger;
using Npgsql;
using Stripe;

namespace GridStream.Server.Payouts;

/// <summary>
/// transfer.created confirms the payout the transfer belongs to (its transfer group is the payout id); transfer.reversed
/// fails a payout still in transit or reverses a paid one in the ledger. Decided by <see cref="StripeTransferEvents"/>
/// from the payout's state, in the webhook's transaction, so duplicates and any order end the same way.
/// </summary>
internal sealed class TransferEventsEffect(SettlePayout settle, LedgerStore ledger, TimeProvider clock) : IStripeEventEffect
{
    public const string Created = "transfer.created";
    public const string Reversed = "transfer.reversed";

    public IReadOnlyCollection<string> EventTypes { get; } = [Created, Reversed];

    public async Task<string> ApplyAsync(Event stripeEvent, NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        if (stripeEvent.Data?.Object is not Transfer transfer)
        {
            return "The event carries no transfer: nothing changed.";
        }

        if (PayoutIdOf(transfer) is not { } payoutId)
        {
            return $"Transfer {transfer.Id} names no GridStream payout: nothing changed (the reconciliation lists it).";
        }

        var payout = await PayoutRows.LockAsync(connection, transaction, payoutId, cancellationToken).ConfigureAwait(false);
        if (payout is null || payout.Gateway != StripePayoutGateway.GatewayName)
        {
            return $"Transfer {transfer.Id} names payout {payoutId}, which is not a Stripe payout here: nothing changed.";
        }

        var decision = stripeEvent.Type == Created
            ? StripeTransferEvents.OnCreated(payout.State, payout.ExternalReference, transfer.Id, transfer.Amount, transfer.AmountReversed)
            : StripeTransferEvents.OnReversed(payout.State, payout.ExternalReference, transfer.Id, transfer.Amount, transfer.AmountReversed);
        if (decision.Effect != TransferEffect.Nothing)
        {
            await PayoutRows.SetStripeTransferAsync(connection, transaction, payout.Id, transfer.Id, cancellationToken).ConfigureAwait(false);
        }

        switch (decision.Effect)
        {
            case TransferEffect.Confirm:
                Expect(await settle.ConfirmAsync(connection, transaction, payout.Id, transfer.Id, cancellationToken).ConfigureAwait(false), payout.Id);
                break;
            case TransferEffect.Fail:
                Expect(await settle.FailAsync(connection, transaction, payout.Id, decision.Explanation, cancellationToken).ConfigureAwait(false), payout.Id);
                break;
            case TransferEffect.ReversePaid:
                await ReversePaidAsync(connection, transaction, payout, transfer.Id, cancellationToken).ConfigureAwait(false);
                break;
        }

        return decision.Explanation;
    }

    /// <summary>The transfer group we set; the metadata as a second witness for transfers grouped by hand.</summary>
    private static Guid? PayoutIdOf(Transfer transfer) =>
        Guid.TryParse(transfer.TransferGroup, out var fromGroup) ? fromGroup
        : transfer.Metadata?.TryGetValue("gridstream_payout_id", out var fromMetadata) == true && Guid.TryParse(fromMetadata, out var id) ? id
        : null;

    private static void Expect(SettlePayout.Result result, Guid payoutId)
    {
        if (result.Outcome != SettlePayout.Outcome.Settled)
        {
            // The payout row was locked and decided on just now; any other outcome means the books disagree with themselves.
            throw new InvalidOperationException($"Payout {payoutId} could not be settled: {result.Outcome} {result.Error}");
        }
    }

    /// <summary>
    /// Paid transfers are final in the ledger, so a reversal is a pair of new transfers the other way (keys from the
    /// Stripe transfer id: a redelivery cannot post them twice); the payout then shows Failed with the reversal as reason.
    /// </summary>
    private async Task ReversePaidAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, Data.Payout payout, string transferId,
        CancellationToken cancellationToken)
    {
        var reference = payout.Id.ToString("D");
        IReadOnlyList<TransferRequest> reversals =
        [
            new(ConnectKeys.CreditsReversed(transferId), PayoutKeys.Issuance, PayoutKeys.Earnings(payout.OwnerId), payout.CreditsConvertedMicroCredits,
                ConnectKeys.CreditsReversedKind, reference),
            new(ConnectKeys.UsdReversed(transferId), PayoutKeys.Cash, PayoutKeys.Revenue, payout.Cents, ConnectKeys.UsdReversedKind, reference),
        ];
        var results = await ledger.PostAsync(connection, transaction, reversals, cancellationToken).ConfigureAwait(false);
        if (results.FirstOrDefault(r => r.Outcome is not (TransferOutcome.Posted or TransferOutcome.AlreadyDone)) is { } refused)
        {
            throw new InvalidOperationException($"Payout {payout.Id}: the ledger refused the reversal of transfer {transferId}: {refused.Error}");
        }

        payout.State = PayoutState.Failed;
        payout.FailureReason = StripeTransferEvents.ReversedReason(transferId);
        payout.SettledAt = clock.GetUtcNow();
        await PayoutRows.SettleAsync(connection, transaction, payout, cancellationToken).ConfigureAwait(false);
    }
}
