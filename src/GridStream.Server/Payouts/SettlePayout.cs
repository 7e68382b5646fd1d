using GridStream.Domain.Ledger;
using GridStream.Domain.Payouts;
using GridStream.Server.Data;
using GridStream.Server.Ledger;
using Npgsql;

namespace GridStream.Server.Payouts;

/// <summary>
/// Confirms a payout (posts its pending transfers: the credits are redeemed, the dollars left) or fails it (voids
/// them: the credits are outstanding again). The payout row and the resolutions commit together.
/// </summary>
internal sealed class SettlePayout(NpgsqlDataSource dataSource, LedgerStore ledger, TimeProvider clock)
{
    public enum Outcome
    {
        Settled,
        AlreadySettled,
        NotFound,
        Conflict,
    }

    public sealed record Result(Outcome Outcome, Payout? Payout, string? Error = null);

    public Task<Result> ConfirmAsync(Guid payoutId, string externalReference, CancellationToken cancellationToken) =>
        InOwnTransactionAsync((connection, transaction) => ConfirmAsync(connection, transaction, payoutId, externalReference, cancellationToken),
            cancellationToken);

    public Task<Result> FailAsync(Guid payoutId, string reason, CancellationToken cancellationToken) =>
        InOwnTransactionAsync((connection, transaction) => FailAsync(connection, transaction, payoutId, reason, cancellationToken), cancellationToken);

    /// <summary>Confirms inside the caller's transaction (a Stripe webhook's, which stores the event with its effect).</summary>
    public Task<Result> ConfirmAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, Guid payoutId, string externalReference, CancellationToken cancellationToken) =>
        SettleAsync(connection, transaction, payoutId, payout => PayoutSettlement.Confirm(payout.State, payout.ExternalReference, externalReference), payout =>
        {
            payout.State = PayoutState.Paid;
            payout.ExternalReference = externalReference;
        }, TransferState.Posted, cancellationToken);

    /// <summary>Fails inside the caller's transaction.</summary>
    public Task<Result> FailAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, Guid payoutId, string reason, CancellationToken cancellationToken) =>
        SettleAsync(connection, transaction, payoutId, payout => PayoutSettlement.Fail(payout.State), payout =>
        {
            payout.State = PayoutState.Failed;
            payout.FailureReason = reason;
        }, TransferState.Voided, cancellationToken);

    private async Task<Result> InOwnTransactionAsync(Func<NpgsqlConnection, NpgsqlTransaction, Task<Result>> settle, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var result = await settle(connection, transaction).ConfigureAwait(false);
        if (result.Outcome == Outcome.Settled)
        {
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }

        return result;
    }

    private async Task<Result> SettleAsync(NpgsqlConnection connection, NpgsqlTransaction transaction,
        Guid payoutId, Func<Payout, SettlementDecision> decide, Action<Payout> apply, TransferState resolution, CancellationToken cancellationToken)
    {
        var payout = await PayoutRows.LockAsync(connection, transaction, payoutId, cancellationToken).ConfigureAwait(false);
        if (payout is null)
        {
            return new Result(Outcome.NotFound, null);
        }

        var decision = decide(payout);
        switch (decision.Action)
        {
            case SettlementAction.Conflict:
                return new Result(Outcome.Conflict, payout, decision.Error);
            case SettlementAction.AlreadyDone:
                return new Result(Outcome.AlreadySettled, payout);
        }

        foreach (var pendingKey in new[] { PayoutKeys.Credits(payout.Id), PayoutKeys.Usd(payout.Id) })
        {
            var result = resolution == TransferState.Posted
                ? await ledger.PostPendingAsync(connection, transaction, pendingKey, PayoutKeys.Posted(pendingKey), cancellationToken).ConfigureAwait(false)
                : await ledger.VoidPendingAsync(connection, transaction, pendingKey, PayoutKeys.Voided(pendingKey), cancellationToken).ConfigureAwait(false);
            if (!result.Succeeded)
            {
                // The payout row says in transit, so its transfers must be pending: anything else is a broken book.
                throw new InvalidOperationException($"Payout {payout.Id}: the ledger refused to resolve '{pendingKey}': {result.Error}");
            }
        }

        apply(payout);
        payout.SettledAt = clock.GetUtcNow();
        await PayoutRows.SettleAsync(connection, transaction, payout, cancellationToken).ConfigureAwait(false);
        return new Result(Outcome.Settled, payout);
    }
}
