using GridStream.Domain.Compute;
using Npgsql;

namespace GridStream.Server.Compute;

/// <summary>Accounts' trust as compute peers (adaptive replication), read when leasing and moved by reviews.</summary>
internal static class TrustStore
{
    public static async Task<int> ConsecutiveValidAsync(NpgsqlDataSource dataSource, Guid accountId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""SELECT "ConsecutiveValid" FROM compute_trust WHERE "AccountId" = @account""");
        command.Parameters.AddWithValue("account", accountId);
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is int value ? value : 0;
    }

    /// <summary>Applies the events in order, account by account, locking the accounts' rows in id order.</summary>
    public static async Task ApplyAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<TrustEvent> events, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        if (events.Count == 0)
        {
            return;
        }

        var accounts = events.Select(e => e.AccountId).Distinct().Order().ToArray();
        var current = new Dictionary<Guid, int>();
        await using (var read = new NpgsqlCommand(
            """SELECT "AccountId", "ConsecutiveValid" FROM compute_trust WHERE "AccountId" = ANY(@accounts) ORDER BY "AccountId" FOR UPDATE""",
            connection, transaction))
        {
            read.Parameters.AddWithValue("accounts", accounts);
            await using var reader = await read.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                current[reader.GetGuid(0)] = reader.GetInt32(1);
            }
        }

        var consecutive = new int[accounts.Length];
        var valid = new long[accounts.Length];
        var invalid = new long[accounts.Length];
        var failed = new long[accounts.Length];
        for (var i = 0; i < accounts.Length; i++)
        {
            var value = current.GetValueOrDefault(accounts[i]);
            foreach (var trustEvent in events.Where(e => e.AccountId == accounts[i]))
            {
                (value, valid[i], invalid[i], failed[i]) = trustEvent.Kind switch
                {
                    TrustEventKind.Valid => (TrustRules.AfterValid(value), valid[i] + 1, invalid[i], failed[i]),
                    TrustEventKind.Invalid => (TrustRules.AfterInvalid(value), valid[i], invalid[i] + 1, failed[i]),
                    _ => (TrustRules.AfterError(value), valid[i], invalid[i], failed[i] + 1),
                };
            }

            consecutive[i] = value;
        }

        await using var write = new NpgsqlCommand(
            """
            INSERT INTO compute_trust AS t ("AccountId", "ConsecutiveValid", "ValidResults", "InvalidResults", "ErrorResults", "UpdatedAt")
            SELECT v.account, v.consecutive, v.valid, v.invalid, v.failed, @now
            FROM unnest(@accounts, @consecutive, @valid, @invalid, @failed) AS v(account, consecutive, valid, invalid, failed)
            ON CONFLICT ("AccountId") DO UPDATE SET
                "ConsecutiveValid" = excluded."ConsecutiveValid",
                "ValidResults" = t."ValidResults" + excluded."ValidResults",
                "InvalidResults" = t."InvalidResults" + excluded."InvalidResults",
                "ErrorResults" = t."ErrorResults" + excluded."ErrorResults",
                "UpdatedAt" = excluded."UpdatedAt"
            """, connection, transaction);
        write.Parameters.AddWithValue("accounts", accounts);
        write.Parameters.AddWithValue("consecutive", consecutive);
        write.Parameters.AddWithValue("valid", valid);
        write.Parameters.AddWithValue("invalid", invalid);
        write.Parameters.AddWithValue("failed", failed);
        write.Parameters.AddWithValue("now", now);
        await write.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
