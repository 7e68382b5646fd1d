using GridStream.Domain.Compute;
using GridStream.Server.Data;
using Microsoft.Extensions.Options;
using Npgsql;

namespace GridStream.Server.Compute;

/// <summary>
/// Reviews locked units after their replicas changed (results in, leases expired, a peer gone) and writes every
/// consequence in the caller's transaction: unit states, replica validity, trust, the viewers' credits and the
/// customer's usage. Whether a job is finished is asked after the commit (see <see cref="ReviewOutcome.DecidedJobs"/>).
/// Callers lock units in id order before changing their replicas, so two reviews never wait on each other in opposite
/// orders.
/// </summary>
internal sealed class UnitReview(IOptions<ComputeOptions> options)
{
    public static async Task<IReadOnlyList<LockedUnit>> LockUnitsAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, long[] unitIds, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            """
            SELECT "Id", "JobId", "State", "Wanted", "RequiredAgreement", "CanonicalSha256"
            FROM work_units WHERE "Id" = ANY(@units) ORDER BY "Id" FOR UPDATE
            """, connection, transaction);
        command.Parameters.AddWithValue("units", unitIds);
        var units = new List<LockedUnit>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            units.Add(new LockedUnit(
                reader.GetInt64(0), reader.GetGuid(1), Enum.Parse<WorkUnitState>(reader.GetString(2)), reader.GetInt32(3), reader.GetInt32(4),
                reader.IsDBNull(5) ? null : reader.GetString(5)));
        }

        return units;
    }

    public async Task<ReviewOutcome> ReviewAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<LockedUnit> units, IEnumerable<TrustEvent> errors,
        DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (units.Count == 0)
        {
            return ReviewOutcome.Nothing;
        }

        var (jobs, replicas) = await LoadAsync(connection, transaction, units, cancellationToken).ConfigureAwait(false);
        var rates = new RewardRates(options.Value.MicroCreditsPerCent, options.Value.ViewerSharePercent);
        var changes = units
            .Select(unit => UnitJudge.Judge(unit, jobs[unit.JobId], replicas.GetValueOrDefault(unit.Id) ?? [], rates, now))
            .ToList();

        await ReviewWriter.WriteAsync(connection, transaction, units, changes, now, cancellationToken).ConfigureAwait(false);
        var reopened = await TrustStore.ApplyAsync(
            connection, transaction, [.. errors, .. changes.SelectMany(c => c.TrustEvents)], now, cancellationToken).ConfigureAwait(false);
        var before = units.ToDictionary(u => u.Id, u => u.Wanted);
        return new ReviewOutcome(
            NewWork: reopened > 0 || changes.Any(c => c.Wanted > before[c.UnitId]),
            Accepted: changes.Count(c => c.State == WorkUnitState.Accepted),
            DecidedJobs: [.. changes.Where(c => c.State is not null and not WorkUnitState.Open).Select(c => c.JobId).Distinct()]);
    }

    private static async Task<(Dictionary<Guid, JobTerms> Jobs, Dictionary<long, List<ReplicaRow>> Replicas)> LoadAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<LockedUnit> units, CancellationToken cancellationToken)
    {
        await using var batch = new NpgsqlBatch(connection, transaction)
        {
            BatchCommands =
            {
                new NpgsqlBatchCommand(
                    """
                    SELECT "Id", "CustomerId", "State", "Quorum", "MaxTotalReplicas", "MaxErrors", "DeadlineSeconds",
                        "CpuMillisPerUnit", "MemoryMegabytesPerUnit", "PriceCentsPerUnit"
                    FROM compute_jobs WHERE "Id" = ANY(@jobs)
                    """) { Parameters = { new("jobs", units.Select(u => u.JobId).Distinct().ToArray()) } },
                new NpgsqlBatchCommand(
                    """
                    SELECT "Id", "UnitId", "AccountId", "State", "Validity", "OutputSha256", "IsSpotCheck"
                    FROM replicas WHERE "UnitId" = ANY(@units) ORDER BY "Id"
                    """) { Parameters = { new("units", units.Select(u => u.Id).ToArray()) } },
            },
        };

        var jobs = new Dictionary<Guid, JobTerms>();
        var replicas = new Dictionary<long, List<ReplicaRow>>();
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var policy = new ReplicationPolicy
            {
                Quorum = reader.GetInt32(3),
                MaxTotalReplicas = reader.GetInt32(4),
                MaxErrors = reader.GetInt32(5),
                DeadlineSeconds = reader.GetInt32(6),
                CpuMillisPerUnit = reader.GetInt32(7),
                MemoryMegabytesPerUnit = reader.GetInt32(8),
            };
            jobs[reader.GetGuid(0)] = new JobTerms(
                reader.GetGuid(0), reader.GetGuid(1), Enum.Parse<ComputeJobState>(reader.GetString(2)), policy, reader.GetInt64(9));
        }

        await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var row = new ReplicaRow(
                reader.GetInt64(0), reader.GetInt64(1), reader.GetGuid(2), Enum.Parse<ReplicaState>(reader.GetString(3)),
                Enum.Parse<ReplicaValidity>(reader.GetString(4)), reader.IsDBNull(5) ? null : reader.GetString(5), reader.GetBoolean(6));
            if (!replicas.TryGetValue(row.UnitId, out var list))
            {
                replicas[row.UnitId] = list = [];
            }

            list.Add(row);
        }

        return (jobs, replicas);
    }
}

/// <param name="NewWork">Some unit wants more replicas than before: tell idle peers.</param>
/// <param name="DecidedJobs">Jobs that had units decided: once the review is committed, see whether they are finished
/// (<see cref="JobCompletion.FinishDecidedJobsAsync"/>).</param>
internal sealed record ReviewOutcome(bool NewWork, int Accepted, IReadOnlyList<Guid> DecidedJobs)
{
    public static ReviewOutcome Nothing { get; } = new(false, 0, []);
}
