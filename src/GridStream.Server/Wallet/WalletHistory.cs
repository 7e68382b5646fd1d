using GridStream.Domain.Ledger;
using GridStream.Server.Ledger;
using Npgsql;

namespace GridStream.Server.Wallet;

/// <summary>A wallet's transfers older than a cursor, newest first, read by walking the ledger's (account, currency, id) indexes.</summary>
internal static class WalletHistory
{
    /// <returns>Up to <paramref name="limit"/> entries with ids below <paramref name="before"/>, and whether older ones exist.</returns>
    public static async Task<(List<WalletEntry> Entries, bool More)> ReadAsync(
        NpgsqlConnection connection, NpgsqlTransaction? transaction, AccountRef wallet, long before, int limit, CancellationToken cancellationToken)
    {
        if (await LedgerAccounts.FindIdAsync(connection, transaction, wallet, cancellationToken).ConfigureAwait(false) is not { } id)
        {
            return ([], false);
        }

        // A resolved reservation is left out: the transfer that posted or voided it repeats its kind, amount and
        // reference, so showing both would read as paying twice.
        await using var command = new NpgsqlCommand(
            """
            SELECT t."Id", t."Kind", t."Amount", t."DebitAccountId" = @id, t."Reference", t."State", t."CreatedAt"
            FROM (
                (SELECT * FROM ledger_transfers s WHERE s."DebitAccountId" = @id AND s."Currency" = @currency AND s."Id" < @before
                    AND NOT (s."State" = 'Pending' AND EXISTS (SELECT 1 FROM ledger_transfers r WHERE r."PendingTransferId" = s."Id"))
                    ORDER BY s."Id" DESC LIMIT @reach)
                UNION ALL
                (SELECT * FROM ledger_transfers s WHERE s."CreditAccountId" = @id AND s."Currency" = @currency AND s."Id" < @before
                    AND NOT (s."State" = 'Pending' AND EXISTS (SELECT 1 FROM ledger_transfers r WHERE r."PendingTransferId" = s."Id"))
                    ORDER BY s."Id" DESC LIMIT @reach)
            ) t
            ORDER BY t."Id" DESC
            LIMIT @reach
            """, connection, transaction);
        command.Parameters.AddWithValue("id", id);
        command.Parameters.AddWithValue("currency", wallet.Currency.ToString());
        command.Parameters.AddWithValue("before", before);
        command.Parameters.AddWithValue("reach", limit + 1);
        var entries = new List<WalletEntry>(limit + 1);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var amount = reader.GetInt64(2);
            entries.Add(new WalletEntry(
                reader.GetInt64(0), reader.GetString(1), CreditAmount.Of(reader.GetBoolean(3) ? -amount : amount),
                reader.IsDBNull(4) ? null : reader.GetString(4), Enum.Parse<TransferState>(reader.GetString(5)), reader.GetFieldValue<DateTimeOffset>(6)));
        }

        var more = entries.Count > limit;
        return (more ? entries[..limit] : entries, more);
    }
}
