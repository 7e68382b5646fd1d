using GridStream.Domain.Compute;
using GridStream.Server.Data;
using Microsoft.Extensions.Options;
using Npgsql;

namespace GridStream.Server.Compute;

/// <summary>
/// Reviews locked units after their replicas changed (results in, leases expired, a peer gone) and writes every
/// consequence in the caller's transaction: unit states, replica validity, trust, the viewers' credits and the
/// customer's usage (as rows and as ledger transfers). Whether a job is finished is asked after the commit (see
/// <see cref="ReviewOutcome.DecidedJobs"/>). Callers lock units in id order before changing their replicas, so two
/// reviews never wait on each other in opposite orders.
/// </summary>
internal sealed class UnitReview(IOptions<ComputeOptions> options, ReviewLedger ledger)
{
    public static async Task<IReadOnlyList<LockedUnit>> LockUnitsAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, long[] unitIds, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            $"""SELECT {LockedUnit.Columns} FROM work_units WHERE "Id" = ANY(@units) ORDER BY "Id" FOR NO KEY UPDATE""", connection, transaction);
        command.Parameters.AddWithValue("units", unitIds);
        var units = new List<LockedUnit>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            units.Add(LockedUnit.Read(reader));
        }

        return units;
    }

    /// <summary>Reviews units the caller locked after changing their replicas itself (timeouts).</summary>
    public async Task<ReviewOutcome> ReviewAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<LockedUnit> units, IEnumerable<TrustEvent> errors,
        DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (units.Count == 0)
        {
            return ReviewOutcome.Nothing;
        }

        // The units are locked already; locking them again in the same transaction is free and keeps one way of loading.
        var ids = units.Select(u => u.Id).ToArray();
        await using var batch = new NpgsqlBatch(connection, transaction);
        foreach (var command in ReviewState.LockAndLoad(
            "SELECT unnest(@units)", """SELECT DISTINCT "JobId" FROM work_units WHERE "Id" = ANY(@units)""", () => [new("units", ids)]))
        {
            batch.BatchCommands.Add(command);
        }

        ReviewState state;
        await using (var reader = await batch.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            state = await ReviewState.ReadAsync(reader, cancellationToken).ConfigureAwait(false);
        }

        return await JudgeAndWriteAsync(connection, transaction, state, RecordedResults.None, errors, now, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Judges every locked unit of <paramref name="state"/> and writes the outcome, together with
    /// <paramref name="recorded"/> (results already applied to the replicas in <paramref name="state"/>), in one round
    /// trip, plus one or two more when trust moves other than up.
    /// </summary>
    public async Task<ReviewOutcome> JudgeAndWriteAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, ReviewState state, RecordedResults recorded, IEnumerable<TrustEvent> errors,
        DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (state.Units.Count == 0)
        {
            return ReviewOutcome.Nothing;
        }

        var rates = new RewardRates(options.Value.MicroCreditsPerCent, options.Value.ViewerSharePercent);
        var changes = state.Units
            .Select(unit => UnitJudge.Judge(unit, state.Jobs[unit.JobId], state.Replicas.GetValueOrDefault(unit.Id) ?? [], rates, now))
            .ToList();
        var trustEvents = new List<TrustEvent>([.. errors, .. changes.SelectMany(c => c.TrustEvents)]);

        var booking = ReviewLedger.Book(changes);
        var reopened = await ReviewWriter.WriteAsync(connection, transaction, state.Units, changes, recorded, trustEvents, booking, now, cancellationToken)
            .ConfigureAwait(false);
        // Last before the caller commits: see ReviewLedger.
        await ledger.PostAsync(connection, transaction, booking, cancellationToken).ConfigureAwait(false);

        var before = state.Units.ToDictionary(u => u.Id, u => u.Wanted);
        return new ReviewOutcome(
            NewWork: reopened > 0 || changes.Any(c => c.Wanted > before[c.UnitId]),
            Accepted: changes.Count(c => c.State == WorkUnitState.Accepted),
            DecidedJobs: [.. changes.Where(c => c.State is not null and not WorkUnitState.Open).Select(c => c.JobId).Distinct()]);
    }
}

/// <param name="NewWork">Some unit wants more replicas than before: tell idle peers.</param>
/// <param name="DecidedJobs">Jobs that had units decided: once the review is committed, see whether they are finished
/// (<see cref="JobCompletion.FinishDecidedJobsAsync"/>).</param>
internal sealed record ReviewOutcome(bool NewWork, int Accepted, IReadOnlyList<Guid> DecidedJobs)
{
    public static ReviewOutcome Nothing { get; } = new(false, 0, []);
}
