using GridStream.Domain.Ledger;
using Npgsql;

namespace GridStream.Server.Ledger;

/// <summary>Finds accounts by what they are, opens missing ones at zero, and locks them for a batch.</summary>
internal static class LedgerAccounts
{
    public sealed record Locked(long Id, AccountBalance Balance);

    /// <summary>
    /// Opens any account not there yet (inside the caller's transaction, so a rolled-back flow leaves nothing),
    /// then locks all of them in id order: batches that share accounts queue on them instead of deadlocking, and
    /// the balances read here cannot move until the caller commits.
    /// </summary>
    public static async Task<Dictionary<AccountRef, Locked>> OpenAndLockAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyCollection<AccountRef> accounts, CancellationToken cancellationToken)
    {
        var ids = await FindOrOpenAsync(connection, transaction, accounts, cancellationToken).ConfigureAwait(false);
        var byId = ids.ToDictionary(pair => pair.Value, pair => pair.Key);
        var locked = new Dictionary<AccountRef, Locked>(accounts.Count);
        await using var command = new NpgsqlCommand(
            """
            SELECT "Id", "DebitsPosted", "CreditsPosted", "DebitsPending", "CreditsPending"
            FROM ledger_accounts WHERE "Id" = ANY(@ids) ORDER BY "Id" FOR NO KEY UPDATE
            """, connection, transaction);
        command.Parameters.AddWithValue("ids", byId.Keys.ToArray());
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var id = reader.GetInt64(0);
            locked[byId[id]] = new Locked(id, new AccountBalance(reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3), reader.GetInt64(4)));
        }

        return locked;
    }

    /// <summary>
    /// The ids of the accounts, opening any not there yet (inside the caller's transaction, so a rolled-back flow
    /// leaves nothing), without locking them.
    /// </summary>
    public static async Task<Dictionary<AccountRef, long>> FindOrOpenAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyCollection<AccountRef> accounts, CancellationToken cancellationToken)
    {
        var ids = await FindIdsAsync(connection, transaction, accounts, cancellationToken).ConfigureAwait(false);
        // Another transaction may open the same account at the same time; its row is invisible to this statement
        // until it commits, so look again until every account is found (each round waits for the other to finish).
        for (var round = 0; ids.Count < accounts.Count; round++)
        {
            if (round == 5)
            {
                throw new InvalidOperationException("Ledger accounts could not be opened after 5 attempts.");
            }

            await OpenAsync(connection, transaction, accounts.Where(a => !ids.ContainsKey(a)).ToList(), cancellationToken).ConfigureAwait(false);
            ids = await FindIdsAsync(connection, transaction, accounts, cancellationToken).ConfigureAwait(false);
        }

        return ids;
    }

    /// <summary>The id of one account, or null when no transfer has touched it yet.</summary>
    public static async Task<long?> FindIdAsync(
        NpgsqlConnection connection, NpgsqlTransaction? transaction, AccountRef account, CancellationToken cancellationToken)
    {
        var ids = await FindIdsAsync(connection, transaction, [account], cancellationToken).ConfigureAwait(false);
        return ids.TryGetValue(account, out var id) ? id : null;
    }

    private static async Task<Dictionary<AccountRef, long>> FindIdsAsync(
        NpgsqlConnection connection, NpgsqlTransaction? transaction, IReadOnlyCollection<AccountRef> accounts, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(FindSql, connection, transaction);
        AddRefParameters(command.Parameters, accounts);
        var ids = new Dictionary<AccountRef, long>(accounts.Count);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            ids[ReadRef(reader, 1)] = reader.GetInt64(0);
        }

        return ids;
    }

    // Users' accounts are found through the unique index; the platform's (no owner) separately, as NULL never
    // equals NULL in a join.
    private const string FindSql =
        """
        SELECT a."Id", a."OwnerId", a."Purpose", a."Currency"
        FROM ledger_accounts a
        JOIN unnest(@owners, @purposes, @currencies) AS u(owner, purpose, currency)
          ON a."OwnerId" = u.owner AND a."Purpose" = u.purpose AND a."Currency" = u.currency
        UNION ALL
        SELECT a."Id", a."OwnerId", a."Purpose", a."Currency"
        FROM ledger_accounts a
        JOIN unnest(@platformPurposes, @platformCurrencies) AS u(purpose, currency)
          ON a."OwnerId" IS NULL AND a."Purpose" = u.purpose AND a."Currency" = u.currency
        """;

    /// <summary>
    /// Finds and locks, in id order, those of the accounts that are open already, as one command that can open a
    /// batch (the commands after it then see everything committed by whoever held these accounts before). The
    /// caller opens any missing ones with <see cref="OpenAndLockAsync"/>.
    /// </summary>
    public static NpgsqlBatchCommand LockOpenCommand(IReadOnlyCollection<AccountRef> accounts)
    {
        var command = new NpgsqlBatchCommand(
            $"""
            SELECT l."Id", l."OwnerId", l."Purpose", l."Currency", l."DebitsPosted", l."CreditsPosted", l."DebitsPending", l."CreditsPending"
            FROM ledger_accounts l WHERE l."Id" IN (SELECT found."Id" FROM ({FindSql}) found)
            ORDER BY l."Id" FOR NO KEY UPDATE
            """);
        AddRefParameters(command.Parameters, accounts);
        return command;
    }

    /// <summary>Reads what <see cref="LockOpenCommand"/> returned, the reader standing at its result.</summary>
    public static async Task<Dictionary<AccountRef, Locked>> ReadLockedAsync(NpgsqlDataReader reader, CancellationToken cancellationToken)
    {
        var locked = new Dictionary<AccountRef, Locked>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            locked[ReadRef(reader, 1)] = new Locked(
                reader.GetInt64(0), new AccountBalance(reader.GetInt64(4), reader.GetInt64(5), reader.GetInt64(6), reader.GetInt64(7)));
        }

        return locked;
    }

    private static void AddRefParameters(NpgsqlParameterCollection parameters, IReadOnlyCollection<AccountRef> accounts)
    {
        var owned = accounts.Where(a => a.OwnerId is not null).ToList();
        var platform = accounts.Where(a => a.OwnerId is null).ToList();
        parameters.AddWithValue("owners", owned.Select(a => a.OwnerId!.Value).ToArray());
        parameters.AddWithValue("purposes", owned.Select(a => a.Purpose.ToString()).ToArray());
        parameters.AddWithValue("currencies", owned.Select(a => a.Currency.ToString()).ToArray());
        parameters.AddWithValue("platformPurposes", platform.Select(a => a.Purpose.ToString()).ToArray());
        parameters.AddWithValue("platformCurrencies", platform.Select(a => a.Currency.ToString()).ToArray());
    }

    private static async Task OpenAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<AccountRef> accounts, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            """
            INSERT INTO ledger_accounts ("OwnerId", "Purpose", "Currency", "MayGoNegative",
                "DebitsPosted", "CreditsPosted", "DebitsPending", "CreditsPending")
            SELECT u.owner, u.purpose, u.currency, u.negative, 0, 0, 0, 0
            FROM unnest(@owners, @purposes, @currencies, @negative) AS u(owner, purpose, currency, negative)
            ON CONFLICT ("OwnerId", "Purpose", "Currency") DO NOTHING
            """, connection, transaction);
        command.Parameters.AddWithValue("owners", accounts.Select(a => a.OwnerId).ToArray());
        command.Parameters.AddWithValue("purposes", accounts.Select(a => a.Purpose.ToString()).ToArray());
        command.Parameters.AddWithValue("currencies", accounts.Select(a => a.Currency.ToString()).ToArray());
        command.Parameters.AddWithValue("negative", accounts.Select(a => a.MayGoNegative).ToArray());
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Reads (owner, purpose, currency) starting at <paramref name="ordinal"/>.</summary>
    public static AccountRef ReadRef(NpgsqlDataReader reader, int ordinal) => new(
        reader.IsDBNull(ordinal) ? null : reader.GetGuid(ordinal),
        Enum.Parse<AccountPurpose>(reader.GetString(ordinal + 1)),
        Enum.Parse<Currency>(reader.GetString(ordinal + 2)));
}
