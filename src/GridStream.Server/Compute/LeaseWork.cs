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
    /// <summary>
    /// Leases start their walks in turn at one of this many blocks (each as long as the lease) past the oldest ready
    /// unit, so that leases running at the same time walk different units instead of skipping over the ones the others
    /// are taking (random starting points overlapped: ≈ 2,000 units walked per 200 leased).
    /// </summary>
    private const int Blocks = 8;

    private int _nextBlock;

    /// <summary>
    /// How many ready units (times the slots asked for) a walk may pass at most. Without a bound, a peer that may take
    /// none of the ready units (all of them already its own, say, with too few other peers about) would walk every
    /// one of them on each request: a million-unit job's worth of reads every few seconds.
    /// </summary>
    private const int ReachPerSlot = 6;

    /// <remarks>
    /// One ordered walk of the ready units from its start, stopping at the <c>slots</c>-th unit it can lock or at the
    /// bound (the <c>@reach</c>-th ready unit from the start, found on the small index of ready units). The
    /// account and subnet rule is checked on the unit's own row (its holders) rather than by probing the replicas of
    /// every unit walked past: with quorum 2 a peer walks past its own half-leased units on every lease, and those
    /// probes were most of the broker's PostgreSQL time (pg_stat_statements: ≈ 150 buffers per leased replica, ≈ half
    /// of all buffer reads in the broker benchmark). A unit locked here is re-checked on its newest version, so two
    /// concurrent leases can never both add the same account or subnet. The picked units are updated by id through the
    /// primary key (<c>= ANY(ARRAY(…))</c>): joined instead, the planner at times chose to scan the whole table.
    /// </remarks>
    private const string LeaseSql =
        """
        WITH walk_start AS (
            SELECT COALESCE((SELECT min("Id") FROM work_units WHERE "Wanted" > 0), 0) + @skip AS id),
        walk_end AS (
            SELECT COALESCE((SELECT w."Id" FROM work_units w WHERE w."Wanted" > 0 AND w."Id" >= (SELECT id FROM walk_start)
                             ORDER BY w."Id" OFFSET (@reach - 1) LIMIT 1), 9223372036854775807) AS id),
        picked AS (
            SELECT u."Id" FROM work_units u
            WHERE u."Wanted" > 0
              AND u."Id" >= (SELECT id FROM walk_start) AND u."Id" <= (SELECT id FROM walk_end)
              AND NOT @account = ANY(u."HolderAccounts") AND NOT @subnet = ANY(u."HolderSubnets")
            ORDER BY u."Id" LIMIT @slots
            FOR NO KEY UPDATE SKIP LOCKED),
        leased AS (
            UPDATE work_units u SET
                "Wanted" = CASE WHEN @alone AND u."Issued" = 0 THEN 0 ELSE u."Wanted" - 1 END,
                "RequiredAgreement" = CASE WHEN @alone AND u."Issued" = 0 THEN 1 ELSE u."RequiredAgreement" END,
                "Issued" = u."Issued" + 1,
                "HolderAccounts" = array_append(u."HolderAccounts", @account),
                "HolderSubnets" = array_append(u."HolderSubnets", @subnet)
            WHERE u."Id" = ANY(ARRAY(SELECT "Id" FROM picked))
            RETURNING u."Id", u."JobId", u."Index", u."Input"),
        inserted AS (
            INSERT INTO replicas ("UnitId", "JobId", "AccountId", "PeerId", "Subnet", "LeasedAt", "Deadline", "State", "Validity", "IsSpotCheck")
            SELECT l."Id", l."JobId", @account, @peer, @subnet, @now, @now + make_interval(secs => j."DeadlineSeconds"), 'InFlight', 'Unchecked', false
            FROM leased l JOIN compute_jobs j ON j."Id" = l."JobId"
            RETURNING "Id", "UnitId", "Deadline")
        SELECT i."Id", l."JobId", l."Index", l."Input", i."Deadline", i."UnitId"
        FROM inserted i JOIN leased l ON l."Id" = i."UnitId"
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

        // A peer that finds too few from its block walks again from the oldest ready unit. Either way the batch lists
        // its units oldest first: peers run leases in the order given, and older units were waiting longer.
        var skip = slots * (int)((uint)Interlocked.Increment(ref _nextBlock) % Blocks);
        var taken = await LeaseFromAsync(peer, slots, skip, alone, now, cancellationToken).ConfigureAwait(false);
        if (taken.Count < slots && skip > 0)
        {
            taken.AddRange(await LeaseFromAsync(peer, slots - taken.Count, 0, alone, now, cancellationToken).ConfigureAwait(false));
        }

        var leases = taken.OrderBy(t => t.UnitId).Select(t => t.Lease).ToList();

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

    /// <param name="skip">How far past the oldest ready unit's id the walk starts.</param>
    private async Task<List<(long UnitId, WorkLease Lease)>> LeaseFromAsync(
        ComputePeer peer, int slots, int skip, bool alone, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var lease = dataSource.CreateCommand(LeaseSql);
        lease.Parameters.AddWithValue("skip", skip);
        lease.Parameters.AddWithValue("slots", slots);
        lease.Parameters.AddWithValue("reach", slots * ReachPerSlot);
        lease.Parameters.AddWithValue("account", peer.AccountId);
        lease.Parameters.AddWithValue("peer", peer.PeerId);
        lease.Parameters.AddWithValue("subnet", peer.Subnet);
        lease.Parameters.AddWithValue("alone", alone);
        lease.Parameters.AddWithValue("now", now);
        var leases = new List<(long, WorkLease)>(slots);
        await using var reader = await lease.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            leases.Add((reader.GetInt64(5), new WorkLease(
                reader.GetInt64(0), reader.GetGuid(1), reader.GetInt32(2), reader.GetString(3), reader.GetFieldValue<DateTimeOffset>(4))));
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
