using GridStream.Domain.Compute.Protocol;
using Npgsql;

namespace GridStream.Server.Compute;

/// <summary>
/// Known-answer checks for trusted accounts (<see cref="GridStream.Domain.Compute.KnownAnswerChecks"/>): a replica of
/// a unit that independent accounts agreed on, so a wrong answer is caught for certain and resets the account's trust.
/// The lease looks like any other; the unit's verdict is never changed by it.
/// </summary>
internal static class SpotChecks
{
    /// <summary>Answers older than this are not used: their jobs' code may be long gone from peers' caches.</summary>
    private static readonly TimeSpan Freshness = TimeSpan.FromDays(1);

    /// <remarks>
    /// The unit is locked and its holders extended like any lease's, so the account can never get a regular replica
    /// of it as well should a caught liar's trust reset open it again.
    /// </remarks>
    private const string LeaseSql =
        """
        WITH pick AS (
            SELECT u."Id", u."JobId", u."Index", u."Input" FROM work_units u
            WHERE u."State" = 'Accepted' AND u."DecidedAt" > @since AND u."AgreedCount" >= 2
              AND NOT @account = ANY(u."HolderAccounts") AND NOT @subnet = ANY(u."HolderSubnets")
            ORDER BY u."DecidedAt" DESC LIMIT 1
            FOR NO KEY UPDATE SKIP LOCKED),
        held AS (
            UPDATE work_units u SET
                "HolderAccounts" = array_append(u."HolderAccounts", @account),
                "HolderSubnets" = array_append(u."HolderSubnets", @subnet)
            FROM pick WHERE u."Id" = pick."Id"
            RETURNING u."Id"),
        inserted AS (
            INSERT INTO replicas ("UnitId", "JobId", "AccountId", "PeerId", "Subnet", "LeasedAt", "Deadline", "State", "Validity", "IsSpotCheck")
            SELECT p."Id", p."JobId", @account, @peer, @subnet, @now, @now + make_interval(secs => j."DeadlineSeconds"), 'InFlight', 'Unchecked', true
            FROM pick p JOIN held h ON h."Id" = p."Id" JOIN compute_jobs j ON j."Id" = p."JobId"
            RETURNING "Id", "UnitId", "Deadline")
        SELECT i."Id", p."JobId", p."Index", p."Input", i."Deadline" FROM inserted i JOIN pick p ON p."Id" = i."UnitId"
        """;

    public static async Task<WorkLease?> LeaseAsync(NpgsqlDataSource dataSource, ComputePeer peer, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(LeaseSql);
        command.Parameters.AddWithValue("since", now - Freshness);
        command.Parameters.AddWithValue("account", peer.AccountId);
        command.Parameters.AddWithValue("peer", peer.PeerId);
        command.Parameters.AddWithValue("subnet", peer.Subnet);
        command.Parameters.AddWithValue("now", now);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false)
            ? new WorkLease(reader.GetInt64(0), reader.GetGuid(1), reader.GetInt32(2), reader.GetString(3), reader.GetFieldValue<DateTimeOffset>(4))
            : null;
    }
}
