using GridStream.Domain.Compute;
using Npgsql;

namespace GridStream.Server.Compute;

/// <summary>Accounts' trust as compute peers (adaptive replication), read when leasing and moved by reviews.</summary>
internal static class TrustStore
{
    /// <summary>
    /// Applies the events in order, account by account, locking the accounts' rows in id order. An account caught
    /// lying (an invalid result while it had trust) has the units it ran alone since its trust last stood at zero
    /// opened again for a full quorum. Returns how many units were opened again.
    /// </summary>
    public static async Task<int> ApplyAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<TrustEvent> events, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        if (events.Count == 0)
        {
            return 0;
        }

        var accounts = events.Select(e => e.AccountId).Distinct().Order().ToArray();
        var current = await ReadLockedAsync(connection, transaction, accounts, cancellationToken).ConfigureAwait(false);

        var consecutive = new int[accounts.Length];
        var lastZero = new DateTimeOffset[accounts.Length];
        var valid = new long[accounts.Length];
        var invalid = new long[accounts.Length];
        var failed = new long[accounts.Length];
        var caught = new List<(Guid Account, DateTimeOffset Since)>();
        for (var i = 0; i < accounts.Length; i++)
        {
            var (value, zeroAt) = current.GetValueOrDefault(accounts[i], (0, now));
            foreach (var trustEvent in events.Where(e => e.AccountId == accounts[i]))
            {
                if (trustEvent.Kind == TrustEventKind.Invalid && value > 0)
                {
                    caught.Add((accounts[i], zeroAt));
                }

                (value, valid[i], invalid[i], failed[i]) = trustEvent.Kind switch
                {
                    TrustEventKind.Valid => (TrustRules.AfterValid(value), valid[i] + 1, invalid[i], failed[i]),
                    TrustEventKind.Invalid => (TrustRules.AfterInvalid(value), valid[i], invalid[i] + 1, failed[i]),
                    _ => (TrustRules.AfterError(value), valid[i], invalid[i], failed[i] + 1),
                };
                if (value == 0)
                {
                    zeroAt = now;
                }
            }

            consecutive[i] = value;
            lastZero[i] = zeroAt;
        }

        await using (var write = new NpgsqlCommand(
            """
            INSERT INTO compute_trust AS t ("AccountId", "ConsecutiveValid", "ValidResults", "InvalidResults", "ErrorResults", "UpdatedAt", "LastZeroAt")
            SELECT v.account, v.consecutive, v.valid, v.invalid, v.failed, @now, v.zero
            FROM unnest(@accounts, @consecutive, @valid, @invalid, @failed, @zero) AS v(account, consecutive, valid, invalid, failed, zero)
            ON CONFLICT ("AccountId") DO UPDATE SET
                "ConsecutiveValid" = excluded."ConsecutiveValid",
                "ValidResults" = t."ValidResults" + excluded."ValidResults",
                "InvalidResults" = t."InvalidResults" + excluded."InvalidResults",
                "ErrorResults" = t."ErrorResults" + excluded."ErrorResults",
                "UpdatedAt" = excluded."UpdatedAt",
                "LastZeroAt" = excluded."LastZeroAt"
            """, connection, transaction))
        {
            write.Parameters.AddWithValue("accounts", accounts);
            write.Parameters.AddWithValue("consecutive", consecutive);
            write.Parameters.AddWithValue("valid", valid);
            write.Parameters.AddWithValue("invalid", invalid);
            write.Parameters.AddWithValue("failed", failed);
            write.Parameters.AddWithValue("zero", lastZero);
            write.Parameters.AddWithValue("now", now);
            await write.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        var reopened = 0;
        foreach (var (account, since) in caught)
        {
            reopened += await ReopenSoloUnitsAsync(connection, transaction, account, since, cancellationToken).ConfigureAwait(false);
        }

        return reopened;
    }

    /// <summary>
    /// When every event is a valid result — nearly every review — trust only counts up, which needs no read: the
    /// rows are locked in account order (as <see cref="ApplyAsync"/> does) and counted up in <paramref name="batch"/>,
    /// the caller's last round trip before committing, so each row stays locked only until that commit. Returns false,
    /// adding nothing, when some event is not a valid result.
    /// </summary>
    /// <remarks>n valid results raise ConsecutiveValid by n, capped at int.MaxValue: <see cref="TrustRules.AfterValid"/> n times.</remarks>
    public static bool TryAddRisesOnly(NpgsqlBatch batch, IReadOnlyList<TrustEvent> events, DateTimeOffset now)
    {
        if (events.Count == 0)
        {
            return true;
        }

        if (events.Any(e => e.Kind != TrustEventKind.Valid))
        {
            return false;
        }

        var rises = events.GroupBy(e => e.AccountId).Select(g => (Account: g.Key, Count: g.Count())).OrderBy(r => r.Account).ToList();
        var accounts = rises.Select(r => r.Account).ToArray();
        batch.BatchCommands.Add(new NpgsqlBatchCommand(
            """SELECT 1 FROM compute_trust WHERE "AccountId" = ANY(@accounts) ORDER BY "AccountId" FOR NO KEY UPDATE""")
        {
            Parameters = { new("accounts", accounts) },
        });
        batch.BatchCommands.Add(new NpgsqlBatchCommand(
            """
            INSERT INTO compute_trust AS t ("AccountId", "ConsecutiveValid", "ValidResults", "InvalidResults", "ErrorResults", "UpdatedAt", "LastZeroAt")
            SELECT v.account, v.rises, v.rises, 0, 0, @now, @now FROM unnest(@accounts, @rises) AS v(account, rises)
            ON CONFLICT ("AccountId") DO UPDATE SET
                "ConsecutiveValid" = CASE WHEN t."ConsecutiveValid" > 2147483647 - excluded."ValidResults" THEN 2147483647
                                          ELSE t."ConsecutiveValid" + excluded."ValidResults" END,
                "ValidResults" = t."ValidResults" + excluded."ValidResults",
                "UpdatedAt" = excluded."UpdatedAt"
            """)
        {
            Parameters = { new("accounts", accounts), new("rises", rises.Select(r => r.Count).ToArray()), new("now", now) },
        });
        return true;
    }

    private static async Task<Dictionary<Guid, (int Consecutive, DateTimeOffset LastZeroAt)>> ReadLockedAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, Guid[] accounts, CancellationToken cancellationToken)
    {
        await using var read = new NpgsqlCommand(
            """
            SELECT "AccountId", "ConsecutiveValid", "LastZeroAt" FROM compute_trust
            WHERE "AccountId" = ANY(@accounts) ORDER BY "AccountId" FOR NO KEY UPDATE
            """, connection, transaction);
        read.Parameters.AddWithValue("accounts", accounts);
        var current = new Dictionary<Guid, (int, DateTimeOffset)>();
        await using var reader = await read.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            current[reader.GetGuid(0)] = (reader.GetInt32(1), reader.GetFieldValue<DateTimeOffset>(2));
        }

        return current;
    }

    /// <summary>
    /// Units of running jobs that this account alone vouched for since <paramref name="since"/> go back to open with
    /// the job's quorum: its answer stays as one result among those to come, so if it was right, one more agreeing
    /// account accepts it again (and the customer is billed once: usage is written per unit).
    /// </summary>
    private static async Task<int> ReopenSoloUnitsAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, Guid account, DateTimeOffset since, CancellationToken cancellationToken)
    {
        await using var reopen = new NpgsqlCommand(
            """
            WITH solo AS (
                SELECT u."Id" AS unit, r."Id" AS replica, j."Quorum" AS quorum
                FROM replicas r
                JOIN work_units u ON u."Id" = r."UnitId"
                JOIN compute_jobs j ON j."Id" = u."JobId"
                WHERE r."AccountId" = @account AND r."Validity" = 'Valid' AND NOT r."IsSpotCheck"
                  AND u."State" = 'Accepted' AND u."RequiredAgreement" = 1 AND u."AgreedCount" = 1 AND u."DecidedAt" >= @since
                  AND j."Quorum" > 1 AND j."State" = 'Running'
                ORDER BY u."Id"
                FOR UPDATE OF u),
            unchecked AS (
                UPDATE replicas r SET "Validity" = 'Unchecked' FROM solo WHERE r."Id" = solo.replica)
            UPDATE work_units u SET
                "State" = 'Open', "RequiredAgreement" = solo.quorum, "Wanted" = solo.quorum - 1,
                "CanonicalSha256" = NULL, "CanonicalOutput" = NULL, "AgreedCount" = 0, "DecidedAt" = NULL
            FROM solo WHERE u."Id" = solo.unit
            """, connection, transaction);
        reopen.Parameters.AddWithValue("account", account);
        reopen.Parameters.AddWithValue("since", since);
        return await reopen.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
