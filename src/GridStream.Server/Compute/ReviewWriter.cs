using GridStream.Domain.Ledger;
using GridStream.Server.Data;
using Npgsql;
using NpgsqlTypes;

namespace GridStream.Server.Compute;

/// <summary>
/// Writes the outcome of a review in one round trip: recorded results and replica validity (one update per replica),
/// unit states, credits and usage (each row with the key of the ledger transfer that books it) and, when trust only
/// rises, trust. Other trust changes take one or two more.
/// </summary>
internal static class ReviewWriter
{
    /// <returns>How many units a caught liar's trust reset opened again.</returns>
    public static async Task<int> WriteAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<LockedUnit> units, IReadOnlyList<UnitChange> changes,
        RecordedResults recorded, IReadOnlyList<TrustEvent> trustEvents, ReviewBooking booking, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        var before = units.ToDictionary(u => u.Id);
        // Most reviews leave a unit as it was (a first result of two): rewriting its row anyway would cost a new row
        // version and an entry in each of its indexes.
        var unitChanges = changes.Where(c => Changes(c, before[c.UnitId])).ToList();
        var earnings = changes.SelectMany(c => c.Earnings.Select(e => (Change: c, Earning: e))).ToList();
        var usage = changes.Where(c => c.UsageCents is not null).ToList();

        await using var batch = new NpgsqlBatch(connection, transaction);
        var replicaWrites = ReplicaWrites(recorded, changes, now);
        if (replicaWrites is not null)
        {
            batch.BatchCommands.Add(replicaWrites.Value.Command);
        }

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
                    "DecidedAt" = COALESCE(v.decided, u."DecidedAt"),
                    "UsageBooked" = u."UsageBooked" OR v.booked
                FROM unnest(@ids, @states, @wanted, @required, @hashes, @canonical, @agreed, @reasons, @decided, @booked)
                    AS v(id, state, wanted, required, hash, canonical, agreed, reason, decided, booked)
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
                    new("booked", unitChanges.Select(c => c.UsageCents is not null).ToArray()),
                },
            });
        }

        if (earnings.Count > 0)
        {
            batch.BatchCommands.Add(new NpgsqlBatchCommand(
                """
                INSERT INTO compute_earnings ("ReplicaId", "ViewerId", "JobId", "MicroCredits", "CreatedAt", "TransferKey")
                SELECT v.replica, v.viewer, v.job, v.credits, @now, v.key
                FROM unnest(@replicas, @viewers, @jobs, @credits, @keys) AS v(replica, viewer, job, credits, key)
                """)
            {
                Parameters =
                {
                    new("replicas", earnings.Select(e => e.Earning.ReplicaId).ToArray()),
                    new("viewers", earnings.Select(e => e.Earning.ViewerId).ToArray()),
                    new("jobs", earnings.Select(e => e.Change.JobId).ToArray()),
                    new("credits", earnings.Select(e => e.Earning.MicroCredits).ToArray()),
                    new("keys", earnings.Select(e => booking.CreditKeys[e.Earning.ReplicaId]).ToArray()),
                    new("now", now),
                },
            });
        }

        if (usage.Count > 0)
        {
            batch.BatchCommands.Add(new NpgsqlBatchCommand(
                """
                INSERT INTO compute_usage ("UnitId", "CustomerId", "JobId", "AmountCents", "CreatedAt", "TransferKey")
                SELECT v.unit, v.customer, v.job, v.cents, @now, v.key
                FROM unnest(@units, @customers, @jobs, @cents, @keys) AS v(unit, customer, job, cents, key)
                """)
            {
                Parameters =
                {
                    new("units", usage.Select(c => c.UnitId).ToArray()),
                    new("customers", usage.Select(c => c.CustomerId).ToArray()),
                    new("jobs", usage.Select(c => c.JobId).ToArray()),
                    new("cents", usage.Select(c => c.UsageCents!.Value).ToArray()),
                    new("keys", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = usage.Select(c => booking.UsageKeys.GetValueOrDefault(c.UnitId)).ToArray() },
                    new("now", now),
                },
            });
        }

        var trustWritten = TrustStore.TryAddRisesOnly(batch, trustEvents, now);
        if (batch.BatchCommands.Count > 0)
        {
            await batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        if (replicaWrites is { } writes && writes.Command.RecordsAffected != writes.Expected)
        {
            throw new StaleReviewException($"Expected to write {writes.Expected} replicas, wrote {writes.Command.RecordsAffected}.");
        }

        return trustWritten
            ? 0
            : await TrustStore.ApplyAsync(connection, transaction, trustEvents, now, cancellationToken).ConfigureAwait(false);
    }

    private static bool Changes(UnitChange change, LockedUnit unit) =>
        (change.State is { } state && state != unit.State)
        || (change.Wanted is { } wanted && wanted != unit.Wanted)
        || (change.RequiredAgreement is { } required && required != unit.RequiredAgreement)
        || change.CanonicalSha256 is not null || change.FailureReason is not null || change.DecidedAt is not null;

    /// <summary>
    /// One update per replica for both what a peer sent and what the review made of it: a second update of the same
    /// rows would write every replica's row and its seven index entries twice.
    /// </summary>
    private static (NpgsqlBatchCommand Command, int Expected)? ReplicaWrites(RecordedResults recorded, IReadOnlyList<UnitChange> changes, DateTimeOffset now)
    {
        var validity = changes.SelectMany(c => c.Validity).ToDictionary(v => v.Key, v => v.Value);
        var credited = changes.SelectMany(c => c.Earnings).Select(e => e.ReplicaId).ToHashSet();
        var results = recorded.Results.ToDictionary(r => r.LeaseId);
        var ids = results.Keys.Union(validity.Keys).Union(credited).ToArray();
        if (ids.Length == 0)
        {
            return null;
        }

        var command = new NpgsqlBatchCommand(
            """
            UPDATE replicas r SET
                "State" = CASE WHEN NOT v.recorded THEN r."State" WHEN v.output IS NULL THEN 'Errored' ELSE 'Succeeded' END,
                "Output" = CASE WHEN v.recorded THEN v.output ELSE r."Output" END,
                "OutputSha256" = CASE WHEN v.recorded THEN v.hash ELSE r."OutputSha256" END,
                "Error" = CASE WHEN v.recorded THEN v.error ELSE r."Error" END,
                "CpuMillis" = CASE WHEN v.recorded THEN v.cpu ELSE r."CpuMillis" END,
                "FinishedAt" = CASE WHEN v.recorded THEN @now ELSE r."FinishedAt" END,
                "Validity" = COALESCE(v.validity, r."Validity"),
                "Credited" = r."Credited" OR v.credited
            FROM unnest(@ids, @recorded, @outputs, @hashes, @errors, @cpu, @validity, @credited)
                AS v(id, recorded, output, hash, error, cpu, validity, credited)
            WHERE r."Id" = v.id
              AND (NOT v.recorded OR (r."AccountId" = @account AND r."State" = 'InFlight' AND r."Deadline" >= @now))
            """)
        {
            Parameters =
            {
                new("ids", ids),
                new("recorded", ids.Select(results.ContainsKey).ToArray()),
                new("outputs", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = ids.Select(id => results.GetValueOrDefault(id)?.CanonicalOutput).ToArray() },
                new("hashes", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = ids.Select(id => results.GetValueOrDefault(id)?.OutputSha256).ToArray() },
                new("errors", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = ids.Select(id => results.GetValueOrDefault(id)?.Error).ToArray() },
                new("cpu", NpgsqlDbType.Array | NpgsqlDbType.Integer) { Value = ids.Select(id => results.GetValueOrDefault(id)?.CpuMillis).ToArray() },
                new("validity", NpgsqlDbType.Array | NpgsqlDbType.Text)
                {
                    Value = ids.Select(id => validity.TryGetValue(id, out var v) ? v.ToString() : null).ToArray(),
                },
                new("credited", ids.Select(credited.Contains).ToArray()),
                new("account", recorded.AccountId),
                new("now", now),
            },
        };
        return (command, ids.Length);
    }
}
