using GridStream.Domain.Ledger;
using Npgsql;

namespace GridStream.Server.Ledger;

internal sealed partial class LedgerStore
{
    /// <summary>Posts a pending transfer in full: a new transfer under <paramref name="newKey"/> that references it.</summary>
    public Task<TransferResult> PostPendingAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, string pendingKey, string newKey, CancellationToken cancellationToken) =>
        ResolveAsync(connection, transaction, pendingKey, newKey, TransferState.Posted, cancellationToken);

    /// <summary>Voids a pending transfer: the reservation is released and nothing moves.</summary>
    public Task<TransferResult> VoidPendingAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, string pendingKey, string newKey, CancellationToken cancellationToken) =>
        ResolveAsync(connection, transaction, pendingKey, newKey, TransferState.Voided, cancellationToken);

    private static async Task<TransferResult> ResolveAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, string pendingKey, string newKey, TransferState resolution,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(transaction);
        var keyError = TransferRules.KeyError(pendingKey) ?? TransferRules.KeyError(newKey);
        if (keyError is not null)
        {
            return TransferResult.Rejected(newKey ?? "", TransferOutcome.Invalid, keyError);
        }

        var pending = await StoredTransfers.ByKeyAsync(connection, transaction, pendingKey, cancellationToken).ConfigureAwait(false);
        if (pending is not null)
        {
            // Resolutions of one pending transfer queue on its accounts, so the second one sees the first.
            await LedgerAccounts.OpenAndLockAsync(connection, transaction, [pending.Content.Debit, pending.Content.Credit], cancellationToken)
                .ConfigureAwait(false);
        }

        var existing = pending is null ? null
            : await StoredTransfers.ResolutionOfAsync(connection, transaction, pending.Id, cancellationToken).ConfigureAwait(false);
        var underNewKey = await StoredTransfers.ByKeyAsync(connection, transaction, newKey, cancellationToken).ConfigureAwait(false);
        if (PendingResolution.Decide(pendingKey, newKey, resolution, pending, existing, underNewKey) is { } refused)
        {
            return new TransferResult(newKey, refused.Outcome, refused.ExistingTransferId, refused.Error);
        }

        await using var command = new NpgsqlCommand(
            """
            INSERT INTO ledger_transfers ("IdempotencyKey", "DebitAccountId", "CreditAccountId", "Amount", "Currency", "Kind", "Reference", "State", "PendingTransferId")
            SELECT @key, p."DebitAccountId", p."CreditAccountId", p."Amount", p."Currency", p."Kind", p."Reference", @state, p."Id"
            FROM ledger_transfers p WHERE p."Id" = @pending
            ON CONFLICT ("IdempotencyKey") DO NOTHING
            RETURNING "Id"
            """, connection, transaction);
        command.Parameters.AddWithValue("key", newKey);
        command.Parameters.AddWithValue("state", resolution.ToString());
        command.Parameters.AddWithValue("pending", pending!.Id);
        if (await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is long id)
        {
            return new TransferResult(newKey, resolution == TransferState.Posted ? TransferOutcome.Posted : TransferOutcome.Voided, id, null);
        }

        // The new key was taken at the same moment by a transaction on other accounts.
        var winner = await StoredTransfers.ByKeyAsync(connection, transaction, newKey, cancellationToken).ConfigureAwait(false);
        var repeat = PendingResolution.Decide(pendingKey, newKey, resolution, pending, existing, winner)!;
        return new TransferResult(newKey, repeat.Outcome, repeat.ExistingTransferId, repeat.Error);
    }
}
