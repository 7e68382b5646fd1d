using GridStream.Domain.Compute;
using GridStream.Server.Data;
using Npgsql;

namespace GridStream.Server.Compute;

/// <summary>
/// Locked units and everything needed to judge them: their jobs' terms and all their replicas. The reading is
/// expressed as batch commands, so a caller can lock and load in the round trip that also carries its own queries.
/// </summary>
internal sealed record ReviewState(
    IReadOnlyList<LockedUnit> Units, IReadOnlyDictionary<Guid, JobTerms> Jobs, IReadOnlyDictionary<long, List<ReplicaRow>> Replicas)
{
    /// <summary>
    /// Locks the units <paramref name="unitFilter"/> selects, in id order, then reads their jobs and replicas. The
    /// reads run after the lock in the same batch, each with a fresh snapshot, so they see every change committed by
    /// whoever held a unit before; the filter must therefore select the same units every time it is evaluated.
    /// </summary>
    /// <param name="jobFilter">Selects the jobs of those units (or more): a cheaper query than going through the units.</param>
    public static IEnumerable<NpgsqlBatchCommand> LockAndLoad(string unitFilter, string jobFilter, Func<IEnumerable<NpgsqlParameter>> parameters)
    {
        yield return Command(
            $"""SELECT {LockedUnit.Columns} FROM work_units WHERE "Id" IN ({unitFilter}) ORDER BY "Id" FOR NO KEY UPDATE""", parameters);
        yield return Command(
            $"""
            SELECT "Id", "CustomerId", "State", "Quorum", "MaxTotalReplicas", "MaxErrors", "DeadlineSeconds",
                "CpuMillisPerUnit", "MemoryMegabytesPerUnit", "PriceCentsPerUnit"
            FROM compute_jobs WHERE "Id" IN ({jobFilter})
            """, parameters);
        yield return Command(
            $"""
            SELECT "Id", "UnitId", "AccountId", "State", "Validity", "OutputSha256", "IsSpotCheck", "Deadline", "Credited"
            FROM replicas WHERE "UnitId" IN ({unitFilter}) ORDER BY "Id"
            """, parameters);
    }

    /// <summary>Reads the three results <see cref="LockAndLoad"/> produced, the reader standing at the first of them.</summary>
    public static async Task<ReviewState> ReadAsync(NpgsqlDataReader reader, CancellationToken cancellationToken)
    {
        var units = new List<LockedUnit>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            units.Add(LockedUnit.Read(reader));
        }

        await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
        var jobs = new Dictionary<Guid, JobTerms>();
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
        var replicas = new Dictionary<long, List<ReplicaRow>>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var row = new ReplicaRow(
                reader.GetInt64(0), reader.GetInt64(1), reader.GetGuid(2), Enum.Parse<ReplicaState>(reader.GetString(3)),
                Enum.Parse<ReplicaValidity>(reader.GetString(4)), reader.IsDBNull(5) ? null : reader.GetString(5), reader.GetBoolean(6))
            {
                Deadline = reader.GetFieldValue<DateTimeOffset>(7),
                Credited = reader.GetBoolean(8),
            };
            if (!replicas.TryGetValue(row.UnitId, out var list))
            {
                replicas[row.UnitId] = list = [];
            }

            list.Add(row);
        }

        return new ReviewState(units, jobs, replicas);
    }

    private static NpgsqlBatchCommand Command(string sql, Func<IEnumerable<NpgsqlParameter>> parameters)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var parameter in parameters())
        {
            command.Parameters.Add(parameter);
        }
        return command;
    }
}
