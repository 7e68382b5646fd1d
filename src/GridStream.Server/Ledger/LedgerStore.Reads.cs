using GridStream.Domain.Ledger;
using Npgsql;

namespace GridStream.Server.Ledger;

internal sealed partial class LedgerStore
{
    public const int MaxPageSize = 500;

    /// <summary>An account's totals; an account no transfer has touched yet reads as zero.</summary>
    public async Task<AccountBalance> BalanceAsync(NpgsqlDataSource dataSource, AccountRef account, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        return await BalanceAsync(connection, null, account, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Reads inside the caller's transaction when one is given (it then sees the caller's own transfers).</summary>
    public async Task<AccountBalance> BalanceAsync(
        NpgsqlConnection connection, NpgsqlTransaction? transaction, AccountRef account, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ThrowIfInvalid(account);
        await using var command = new NpgsqlCommand(
            """
            SELECT "DebitsPosted", "CreditsPosted", "DebitsPending", "CreditsPending" FROM ledger_accounts
            WHERE "OwnerId" IS NOT DISTINCT FROM @owner AND "Purpose" = @purpose AND "Currency" = @currency
            """, connection, transaction);
        command.Parameters.Add(new NpgsqlParameter<Guid?>("owner", account.OwnerId) { NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Uuid });
        command.Parameters.AddWithValue("purpose", account.Purpose.ToString());
        command.Parameters.AddWithValue("currency", account.Currency.ToString());
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false)
            ? new AccountBalance(reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3))
            : AccountBalance.Zero;
    }

    public async Task<TransferPage> HistoryAsync(
        NpgsqlDataSource dataSource, AccountRef account, int page, int pageSize, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        return await HistoryAsync(connection, null, account, page, pageSize, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The transfers that touched the account, newest first; <paramref name="page"/> counts from 1.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The page is below 1 or the page size outside 1..<see cref="MaxPageSize"/>.</exception>
    public async Task<TransferPage> HistoryAsync(
        NpgsqlConnection connection, NpgsqlTransaction? transaction, AccountRef account, int page, int pageSize, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ThrowIfInvalid(account);
        ArgumentOutOfRangeException.ThrowIfLessThan(page, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(pageSize, MaxPageSize);

        if (await LedgerAccounts.FindIdAsync(connection, transaction, account, cancellationToken).ConfigureAwait(false) is not { } id)
        {
            return new TransferPage(page, pageSize, 0, []);
        }

        var skip = (long)(page - 1) * pageSize;
        // Each side walks its own (account, currency, id) index from the newest; only skip + size rows per side.
        await using var command = new NpgsqlCommand(
            """
            SELECT t."Id", t."IdempotencyKey", t."Kind", t."Reference", t."Amount", t."DebitAccountId" = @id,
                   o."OwnerId", o."Purpose", o."Currency", t."State", t."PendingTransferId", t."CreatedAt",
                   (SELECT count(*) FROM ledger_transfers WHERE "DebitAccountId" = @id OR "CreditAccountId" = @id)
            FROM (
                (SELECT * FROM ledger_transfers WHERE "DebitAccountId" = @id AND "Currency" = @currency ORDER BY "Id" DESC LIMIT @reach)
                UNION ALL
                (SELECT * FROM ledger_transfers WHERE "CreditAccountId" = @id AND "Currency" = @currency ORDER BY "Id" DESC LIMIT @reach)
            ) t
            JOIN ledger_accounts o ON o."Id" = CASE WHEN t."DebitAccountId" = @id THEN t."CreditAccountId" ELSE t."DebitAccountId" END
            ORDER BY t."Id" DESC
            LIMIT @size OFFSET @skip
            """, connection, transaction);
        command.Parameters.AddWithValue("id", id);
        command.Parameters.AddWithValue("currency", account.Currency.ToString());
        command.Parameters.AddWithValue("reach", skip + pageSize);
        command.Parameters.AddWithValue("size", (long)pageSize);
        command.Parameters.AddWithValue("skip", skip);
        var entries = new List<LedgerEntry>(pageSize);
        long total = 0;
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var amount = reader.GetInt64(4);
                entries.Add(new LedgerEntry(
                    reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3),
                    reader.GetBoolean(5) ? -amount : amount, LedgerAccounts.ReadRef(reader, 6), Enum.Parse<TransferState>(reader.GetString(9)),
                    reader.IsDBNull(10) ? null : reader.GetInt64(10), reader.GetFieldValue<DateTimeOffset>(11)));
                total = reader.GetInt64(12);
            }
        }

        if (entries.Count == 0)
        {
            total = await CountAsync(connection, transaction, id, cancellationToken).ConfigureAwait(false);
        }

        return new TransferPage(page, pageSize, total, entries);
    }

    private static async Task<long> CountAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, long id, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            """SELECT count(*) FROM ledger_transfers WHERE "DebitAccountId" = @id OR "CreditAccountId" = @id""", connection, transaction);
        command.Parameters.AddWithValue("id", id);
        return (long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
    }

    private static void ThrowIfInvalid(AccountRef account)
    {
        ArgumentNullException.ThrowIfNull(account);
        if (TransferRules.AccountError(account, "requested") is { } error)
        {
            throw new ArgumentException(error, nameof(account));
        }
    }
}
