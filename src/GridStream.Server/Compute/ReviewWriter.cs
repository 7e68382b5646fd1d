using GridStream.Server.Data;
using Npgsql;
using NpgsqlTypes;

namespace GridStream.Server.Compute;

/// <summary>Writes the outcome of a review in one round trip: unit states, replica validity, credits and usage.</summary>
internal static class ReviewWriter
{
    public static async Task WriteAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<LockedUnit> units, IReadOnlyList<UnitChange> changes,
        DateTimeOffset now, CancellationToken cancellationToken)
    {
        var before = units.ToDictionary(u => u.Id);
        var unitChanges = changes.Where(c => c.State is not null || c.Wanted is not null || c.RequiredAgreement is not null).ToList();
        var validity = changes.SelectMany(c => c.Validity).ToList();
        var earnings = changes.SelectMany(c => c.Earnings.Select(e => (Change: c, Earning: e))).ToList();
        var usage = changes.Where(c => c.UsageCents is not null).ToList();

        await using var batch = new NpgsqlBatch(connection, transaction);
        if (unitChanges.Count > 0)
        {
            batch.BatchCommands.Add(new NpgsqlBatchCommand(
                """
                UPDATE work_units u SET
                    "State" = v.state, "Wanted" = v.wanted, "RequiredAgreement" = v.required,
                    "CanonicalSha256" = COALESCE(v.hash, u."CanonicalSha256"),
                    "CanonicalOutput" = COALESCE((SELECT r."Output" FROM replicas r WHERE r."Id" = v.canonical), u."CanonicalOutput"),
                    "AgreedCount" = COALESCE(v.agreed, u."AgreedCount"),
                    "FailureReason" = COALESCE(v.reason, u."FailureReason"),
                    "DecidedAt" = COALESCE(v.decided, u."DecidedAt")
                FROM unnest(@ids, @states, @wanted, @required, @hashes, @canonical, @agreed, @reasons, @decided)
                    AS v(id, state, wanted, required, hash, canonical, agreed, reason, decided)
                WHERE u."Id" = v.id
                """)
            {
                Parameters =
                {
                    new("ids", unitChanges.Select(c => c.UnitId).ToArray()),
                    new("states", unitChanges.Select(c => (c.State ?? before[c.UnitId].State).ToString()).ToArray()),
                    new("wanted", unitChanges.Select(c => c.Wanted ?? before[c.UnitId].Wanted).ToArray()),
                    new("required", unitChanges.Select(c => c.RequiredAgreement ?? before[c.UnitId].RequiredAgreement).ToArray()),
                    new("hashes", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = unitChanges.Select(c => c.CanonicalSha256).ToArray() },
                    new("canonical", NpgsqlDbType.Array | NpgsqlDbType.Bigint) { Value = unitChanges.Select(c => c.CanonicalReplicaId).ToArray() },
                    new("agreed", NpgsqlDbType.Array | NpgsqlDbType.Integer)
                    {
                        Value = unitChanges.Select(c => c.State == WorkUnitState.Accepted ? c.AgreedCount : (int?)null).ToArray(),
                    },
                    new("reasons", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = unitChanges.Select(c => c.FailureReason).ToArray() },
                    new("decided", NpgsqlDbType.Array | NpgsqlDbType.TimestampTz) { Value = unitChanges.Select(c => c.DecidedAt).ToArray() },
                },
            });
        }

        if (validity.Count > 0)
        {
            batch.BatchCommands.Add(new NpgsqlBatchCommand(
                """
                UPDATE replicas r SET "Validity" = v.validity
                FROM unnest(@ids, @validity) AS v(id, validity) WHERE r."Id" = v.id
                """)
            {
                Parameters =
                {
                    new("ids", validity.Select(v => v.Key).ToArray()),
                    new("validity", validity.Select(v => v.Value.ToString()).ToArray()),
                },
            });
        }

        if (earnings.Count > 0)
        {
            batch.BatchCommands.Add(new NpgsqlBatchCommand(
                """
                INSERT INTO compute_earnings ("ReplicaId", "ViewerId", "JobId", "MicroCredits", "CreatedAt")
                SELECT v.replica, v.viewer, v.job, v.credits, @now FROM unnest(@replicas, @viewers, @jobs, @credits) AS v(replica, viewer, job, credits)
                ON CONFLICT ("ReplicaId") DO NOTHING
                """)
            {
                Parameters =
                {
                    new("replicas", earnings.Select(e => e.Earning.ReplicaId).ToArray()),
                    new("viewers", earnings.Select(e => e.Earning.ViewerId).ToArray()),
                    new("jobs", earnings.Select(e => e.Change.JobId).ToArray()),
                    new("credits", earnings.Select(e => e.Earning.MicroCredits).ToArray()),
                    new("now", now),
                },
            });
        }

        if (usage.Count > 0)
        {
            batch.BatchCommands.Add(new NpgsqlBatchCommand(
                """
                INSERT INTO compute_usage ("UnitId", "CustomerId", "JobId", "AmountCents", "CreatedAt")
                SELECT v.unit, v.customer, v.job, v.cents, @now FROM unnest(@units, @customers, @jobs, @cents) AS v(unit, customer, job, cents)
                ON CONFLICT ("UnitId") DO NOTHING
                """)
            {
                Parameters =
                {
                    new("units", usage.Select(c => c.UnitId).ToArray()),
                    new("customers", usage.Select(c => c.CustomerId).ToArray()),
                    new("jobs", usage.Select(c => c.JobId).ToArray()),
                    new("cents", usage.Select(c => c.UsageCents!.Value).ToArray()),
                    new("now", now),
                },
            });
        }

        if (batch.BatchCommands.Count > 0)
        {
            await batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}
