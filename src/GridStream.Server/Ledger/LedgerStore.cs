using GridStream.Domain.Ledger;
using Npgsql;

namespace GridStream.Server.Ledger;

/// <summary>
/// The double-entry ledger (DESIGN §7), written inside the caller's transaction so that a flow's event and its
/// transfers commit or roll back together. Expects READ COMMITTED (the default).
/// <para>
/// A batch is decided request by request, in order, against balances locked for the batch; requests that are
/// invalid, overdraw, or reuse a key for different content get their outcome and move nothing, the others go through
/// (all decisions come before any write, so there are no partial effects). A flow that wants all or nothing checks
/// <see cref="TransferResult.Succeeded"/> and rolls back. Database errors (including the database's own refusal of
/// an invariant) throw, and the caller's transaction is then unusable.
/// </para>
/// </summary>
internal sealed partial class LedgerStore
{
    public async Task<IReadOnlyList<TransferResult>> PostAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<TransferRequest> transfers, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(transaction);
        ArgumentNullException.ThrowIfNull(transfers);

        var valid = transfers.Where(t => TransferRules.Validate(t) is null).ToList();
        var accountRefs = valid.SelectMany(t => new[] { t.Debit, t.Credit }).Distinct().ToList();
        var keys = valid.Select(t => t.IdempotencyKey).Distinct(StringComparer.Ordinal).ToList();
        var (accounts, stored) = valid.All(t => t.Debit.MayGoNegative)
            ? await OpenAndReadKeysAsync(connection, transaction, accountRefs, keys, cancellationToken).ConfigureAwait(false)
            : await LockAndReadKeysAsync(connection, transaction, accountRefs, keys, cancellationToken).ConfigureAwait(false);

        var decision = TransferBatch.Decide(transfers, stored, accounts.ToDictionary(pair => pair.Key, pair => pair.Value.Balance));
        var written = await InsertAsync(connection, transaction, decision.ToWrite, accounts, cancellationToken).ConfigureAwait(false);

        // A key written at the same moment by a transaction on other accounts: its row won, so this request is a
        // repeat of it or a clash with it, never a second transfer.
        var lost = decision.ToWrite.Select(t => t.IdempotencyKey).Where(key => !written.ContainsKey(key)).ToList();
        var winners = await StoredTransfers.ByKeysAsync(connection, transaction, lost, cancellationToken).ConfigureAwait(false);

        var results = new TransferResult[transfers.Count];
        for (var i = 0; i < transfers.Count; i++)
        {
            results[i] = ResultOf(transfers[i], decision.Decisions[i], decision.ToWrite, written, winners);
        }

        return results;
    }

    /// <summary>
    /// For a batch whose every debit may go negative (credit issuance, a customer's usage), no balance decides
    /// anything, so nothing is locked up front: the accounts are locked, in id order, only by the statement that moves
    /// their balances (ledger_apply_transfers). The platform's accounts that every validated unit touches are then held
    /// for the balance update and the commit only, not while the transfers are written. The balances returned are
    /// zero; a key written meanwhile by someone else is caught by the insert's ON CONFLICT.
    /// </summary>
    private static async Task<(Dictionary<AccountRef, LedgerAccounts.Locked> Accounts, Dictionary<string, StoredTransfer> Stored)> OpenAndReadKeysAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyCollection<AccountRef> accountRefs, IReadOnlyCollection<string> keys,
        CancellationToken cancellationToken)
    {
        var ids = await LedgerAccounts.FindOrOpenAsync(connection, transaction, accountRefs, cancellationToken).ConfigureAwait(false);
        var stored = await StoredTransfers.ByKeysAsync(connection, transaction, keys, cancellationToken).ConfigureAwait(false);
        return (ids.ToDictionary(pair => pair.Key, pair => new LedgerAccounts.Locked(pair.Value, AccountBalance.Zero)), stored);
    }

    /// <summary>
    /// Locks the accounts in id order and reads the transfers already stored under the keys, in one round trip when
    /// every account is open already (flows that share a hot account hold its lock one round trip less). The keys
    /// are read after the locks: whoever wrote them on the same accounts has committed or rolled back by then.
    /// </summary>
    private static async Task<(Dictionary<AccountRef, LedgerAccounts.Locked> Accounts, Dictionary<string, StoredTransfer> Stored)> LockAndReadKeysAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyCollection<AccountRef> accountRefs, IReadOnlyCollection<string> keys,
        CancellationToken cancellationToken)
    {
        Dictionary<AccountRef, LedgerAccounts.Locked> accounts;
        Dictionary<string, StoredTransfer> stored;
        await using (var batch = new NpgsqlBatch(connection, transaction))
        {
            batch.BatchCommands.Add(LedgerAccounts.LockOpenCommand(accountRefs));
            batch.BatchCommands.Add(StoredTransfers.ByKeysCommand(keys));
            await using var reader = await batch.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            accounts = await LedgerAccounts.ReadLockedAsync(reader, cancellationToken).ConfigureAwait(false);
            await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
            stored = await StoredTransfers.ReadByKeyAsync(reader, cancellationToken).ConfigureAwait(false);
        }

        if (accounts.Count == accountRefs.Count)
        {
            return (accounts, stored);
        }

        // Some account is new: open it, lock everything again (locks already held are kept) and read the keys anew.
        accounts = await LedgerAccounts.OpenAndLockAsync(connection, transaction, accountRefs, cancellationToken).ConfigureAwait(false);
        stored = await StoredTransfers.ByKeysAsync(connection, transaction, keys, cancellationToken).ConfigureAwait(false);
        return (accounts, stored);
    }

    private static TransferResult ResultOf(
        TransferRequest? request, TransferDecision decision, IReadOnlyList<TransferRequest> toWrite,
        Dictionary<string, long> written, Dictionary<string, StoredTransfer> winners)
    {
        var key = request?.IdempotencyKey ?? "";
        if (decision.WriteIndex is not { } index)
        {
            return new TransferResult(key, decision.Outcome, decision.ExistingTransferId, decision.Error);
        }

        var writtenKey = toWrite[index].IdempotencyKey;
        if (written.TryGetValue(writtenKey, out var id))
        {
            return new TransferResult(key, decision.Outcome, id, null);
        }

        var winner = winners[writtenKey];
        return winner.PendingTransferId is null && winner.Content.SameContentAs(request!)
            ? new TransferResult(key, TransferOutcome.AlreadyDone, winner.Id, null)
            : new TransferResult(key, TransferOutcome.KeyReusedWithDifferentContent, winner.Id,
                $"The idempotency key '{key}' was already used for a different transfer; nothing moved.");
    }

    /// <summary>One statement for the whole batch; the balances move in the same statement (trigger on ledger_transfers).</summary>
    private static async Task<Dictionary<string, long>> InsertAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<TransferRequest> toWrite,
        Dictionary<AccountRef, LedgerAccounts.Locked> accounts, CancellationToken cancellationToken)
    {
        var written = new Dictionary<string, long>(toWrite.Count, StringComparer.Ordinal);
        if (toWrite.Count == 0)
        {
            return written;
        }

        await using var command = new NpgsqlCommand(
            """
            INSERT INTO ledger_transfers ("IdempotencyKey", "DebitAccountId", "CreditAccountId", "Amount", "Currency", "Kind", "Reference", "State")
            SELECT * FROM unnest(@keys, @debits, @credits, @amounts, @currencies, @kinds, @references, @states)
            ON CONFLICT ("IdempotencyKey") DO NOTHING
            RETURNING "IdempotencyKey", "Id"
            """, connection, transaction);
        command.Parameters.AddWithValue("keys", toWrite.Select(t => t.IdempotencyKey).ToArray());
        command.Parameters.AddWithValue("debits", toWrite.Select(t => accounts[t.Debit].Id).ToArray());
        command.Parameters.AddWithValue("credits", toWrite.Select(t => accounts[t.Credit].Id).ToArray());
        command.Parameters.AddWithValue("amounts", toWrite.Select(t => t.Amount).ToArray());
        command.Parameters.AddWithValue("currencies", toWrite.Select(t => t.Currency.ToString()).ToArray());
        command.Parameters.AddWithValue("kinds", toWrite.Select(t => t.Kind).ToArray());
        command.Parameters.Add(new NpgsqlParameter<string?[]>("references", toWrite.Select(t => t.Reference).ToArray()));
        command.Parameters.AddWithValue("states", toWrite.Select(t => (t.Pending ? TransferState.Pending : TransferState.Posted).ToString()).ToArray());
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            written[reader.GetString(0)] = reader.GetInt64(1);
        }

        return written;
    }
}
