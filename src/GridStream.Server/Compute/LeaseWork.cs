using GridStream.Domain.Compute;
using GridStream.Domain.Compute.Protocol;
using Microsoft.Extensions.Options;
using Npgsql;

namespace GridStream.Server.Compute;

/// <summary>
/// RequestWork (DESIGN §4): hands a watching, compute-enabled peer up to its slots' worth of replicas in one
/// statement — the oldest units that want replicas and that no replica of this account or subnet already holds,
/// skipping rows another lease is taking (SKIP LOCKED). A trusted account may get fresh units to run alone
/// (adaptive replication), and now and then a unit whose answer is already known, to keep it honest.
/// </summary>
internal sealed class LeaseWork(
    NpgsqlDataSource dataSource, JobCodes codes, ReapExpiredLeases reaper, IOptions<ComputeOptions> options, TimeProvider clock)
{
    /// <summary>How far past the first ready unit a peer looks for units it may take: bounds the scan when the
    /// oldest units all wait for other accounts.</summary>
    /// <remarks>
    /// The query is shaped so that its plan stays one ordered walk of the ready units, whatever the statistics say:
    /// the window is only an upper bound on the id, so the walk stops at the <c>slots</c>-th unit it can lock instead of
    /// checking the whole window and sorting it; and OFFSET 0 keeps the account and subnet check a probe of the replicas
    /// index per unit. Written as joins, the planner at times merged the check with the whole replicas index, or (with
    /// statistics taken before a new job's units arrived) walked the ready units again for every unit of the window:
    /// 50,000 to 130,000 buffers and up to the 30 s command timeout per lease, against about 5,000 (EXPLAIN, a 100,000-unit
    /// job, 100 slots, with fresh and with stale statistics).
    /// </remarks>
    private const int ScanWindowPerSlot = 8;

    private const string LeaseSql =
        """
        WITH window_bounds AS (
            SELECT min(w."Id") FILTER (WHERE w.place > @skip) AS first, max(w."Id") AS last
            FROM (SELECT "Id", row_number() OVER (ORDER BY "Id") AS place
                  FROM (SELECT "Id" FROM work_units WHERE "Wanted" > 0 ORDER BY "Id" LIMIT @window) ready) w),
        picked AS (
            SELECT u."Id" FROM work_units u
            WHERE u."Wanted" > 0
              AND u."Id" BETWEEN (SELECT COALESCE(first, 0) FROM window_bounds) AND (SELECT last FROM window_bounds)
              AND NOT EXISTS (
                  SELECT 1 FROM replicas r WHERE r."UnitId" = u."Id" AND (r."AccountId" = @account OR r."Subnet" = @subnet) OFFSET 0)
            ORDER BY u."Id" LIMIT @slots
            FOR UPDATE SKIP LOCKED),
        leased AS (
            UPDATE work_units u SET
                "Wanted" = CASE WHEN @alone AND u."Issued" = 0 THEN 0 ELSE u."Wanted" - 1 END,
                "RequiredAgreement" = CASE WHEN @alone AND u."Issued" = 0 THEN 1 ELSE u."RequiredAgreement" END,
                "Issued" = u."Issued" + 1
            FROM picked WHERE u."Id" = picked."Id"
            RETURNING u."Id", u."JobId", u."Index", u."Input"),
        inserted AS (
            INSERT INTO replicas ("UnitId", "JobId", "AccountId", "PeerId", "Subnet", "LeasedAt", "Deadline", "State", "Validity", "IsSpotCheck")
            SELECT l."Id", l."JobId", @account, @peer, @subnet, @now, @now + make_interval(secs => j."DeadlineSeconds"), 'InFlight', 'Unchecked', false
            FROM leased l JOIN compute_jobs j ON j."Id" = l."JobId"
            RETURNING "Id", "UnitId", "Deadline")
        SELECT i."Id", l."JobId", l."Index", l."Input", i."Deadline"
        FROM inserted i JOIN leased l ON l."Id" = i."UnitId" ORDER BY i."Id"
        """;

    public async Task<WorkBatch> LeaseAsync(ComputePeer peer, int slots, CancellationToken cancellationToken)
    {
        var limit = options.Value.MaxLeasesPerRequest;
        if (slots < 1 || slots > limit)
        {
            throw new ComputeProtocolException($"Ask for between 1 and {limit} leases.");
        }

        await reaper.SweepIfDueAsync(cancellationToken).ConfigureAwait(false);
        var now = clock.GetUtcNow();
        var consecutiveValid = await EnsureTrustRowAsync(peer, now, cancellationToken).ConfigureAwait(false);
        var alone = options.Value.AdaptiveReplication && TrustRules.MayRunAlone(consecutiveValid, Random.Shared.NextDouble());

        // Peers start their walk at different places in the window, so that they do not all queue up behind the units
        // the first of them is taking; one that finds too few from there walks again from the oldest ready unit.
        var window = slots * ScanWindowPerSlot;
        var start = Random.Shared.Next(0, window - slots + 1);
        var leases = await LeaseFromAsync(peer, slots, window, start, alone, now, cancellationToken).ConfigureAwait(false);
        if (leases.Count < slots && start > 0)
        {
            leases.AddRange(await LeaseFromAsync(peer, slots - leases.Count, window, 0, alone, now, cancellationToken).ConfigureAwait(false));
        }

        if (alone && KnownAnswerChecks.ShouldCheck(consecutiveValid, options.Value.KnownAnswerCheckRate, Random.Shared.NextDouble()))
        {
            if (await SpotChecks.LeaseAsync(dataSource, peer, now, cancellationToken).ConfigureAwait(false) is { } check)
            {
                leases.Add(check);
            }
        }

        var jobs = await codes.ForJobsAsync([.. leases.Select(l => l.JobId).Distinct()], cancellationToken).ConfigureAwait(false);
        return new WorkBatch(jobs, leases, leases.Count == 0 ? IdleRetryMs : 0);
    }

    /// <param name="skip">How many of the window's ready units the walk passes over before it starts taking.</param>
    private async Task<List<WorkLease>> LeaseFromAsync(
        ComputePeer peer, int slots, int window, int skip, bool alone, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var lease = dataSource.CreateCommand(LeaseSql);
        lease.Parameters.AddWithValue("window", window);
        lease.Parameters.AddWithValue("skip", skip);
        lease.Parameters.AddWithValue("slots", slots);
        lease.Parameters.AddWithValue("account", peer.AccountId);
        lease.Parameters.AddWithValue("peer", peer.PeerId);
        lease.Parameters.AddWithValue("subnet", peer.Subnet);
        lease.Parameters.AddWithValue("alone", alone);
        lease.Parameters.AddWithValue("now", now);
        var leases = new List<WorkLease>(slots);
        await using var reader = await lease.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            leases.Add(new WorkLease(
                reader.GetInt64(0), reader.GetGuid(1), reader.GetInt32(2), reader.GetString(3), reader.GetFieldValue<DateTimeOffset>(4)));
        }

        return leases;
    }

    /// <summary>With nothing to hand out, peers ask again after this long unless a WorkAvailable push comes first.</summary>
    public const int IdleRetryMs = 5_000;

    private async Task<int> EnsureTrustRowAsync(ComputePeer peer, DateTimeOffset now, CancellationToken cancellationToken)
    {
        // The row exists before any result is judged, so concurrent reviews of a new account update one row in turn.
        // Inserting only when no row is seen: an insert that meets an existing row waits for whichever review has it
        // locked, and reviews lock trust rows on every accepted unit.
        await using var batch = dataSource.CreateBatch();
        batch.BatchCommands.Add(new NpgsqlBatchCommand(
            """
            INSERT INTO compute_trust ("AccountId", "ConsecutiveValid", "ValidResults", "InvalidResults", "ErrorResults", "UpdatedAt", "LastZeroAt")
            SELECT @account, 0, 0, 0, 0, @now, @now WHERE NOT EXISTS (SELECT 1 FROM compute_trust WHERE "AccountId" = @account)
            ON CONFLICT ("AccountId") DO NOTHING
            """) { Parameters = { new("account", peer.AccountId), new("now", now) } });
        batch.BatchCommands.Add(new NpgsqlBatchCommand("""SELECT "ConsecutiveValid" FROM compute_trust WHERE "AccountId" = @account""")
        {
            Parameters = { new("account", peer.AccountId) },
        });
        return await batch.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is int value ? value : 0;
    }
}

/// <summary>The peer asking for work, as the swarm manager knows it.</summary>
internal sealed record ComputePeer(Guid PeerId, Guid AccountId, string Subnet);

/// <summary>A compute request the broker refuses; the hub turns it into a readable error for the caller.</summary>
internal sealed class ComputeProtocolException(string message) : Exception(message);
