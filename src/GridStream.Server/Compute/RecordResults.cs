using GridStream.Domain.Compute.Protocol;
using GridStream.Server.Data;
using Microsoft.Extensions.Options;
using Npgsql;

namespace GridStream.Server.Compute;

/// <summary>
/// SubmitResults (DESIGN §4): records a peer's results and reviews their units in one transaction, so a unit's
/// acceptance, the viewers' credits and the customer's usage are written together or not at all. A result counts
/// only for a lease the caller holds, still in flight and not past its deadline; anything else is refused with the
/// reason, and a result sent twice is recorded once.
/// </summary>
internal sealed class RecordResults(NpgsqlDataSource dataSource, UnitReview review, WorkNotifier work, IOptions<ComputeOptions> options, TimeProvider clock)
{
    public async Task<ResultsReceipt> RecordAsync(ComputePeer peer, IReadOnlyList<WorkResult>? results, CancellationToken cancellationToken)
    {
        var limit = options.Value.MaxResultsPerSubmit;
        if (results is null || results.Count == 0 || results.Count > limit)
        {
            throw new ComputeProtocolException($"Send between 1 and {limit} results at a time.");
        }

        var refused = new List<RefusedResult>();
        var incoming = new List<IncomingResult>();
        foreach (var group in results.Where(r => r is not null).GroupBy(r => r.LeaseId))
        {
            incoming.Add(IncomingResult.From(group.First(), options.Value.MaxOutputBytes));
            refused.AddRange(group.Skip(1).Select(r => new RefusedResult(r.LeaseId, "this lease is listed more than once in the batch")));
        }

        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var (recorded, notRecorded, newWork) = await RecordOnceAsync(peer, incoming, cancellationToken).ConfigureAwait(false);
                if (newWork)
                {
                    await work.AnnounceAsync().ConfigureAwait(false);
                }

                return new ResultsReceipt(recorded, [.. refused, .. notRecorded]);
            }
            catch (Exception e) when (e is PostgresException { SqlState: PostgresErrorCodes.DeadlockDetected } or StaleReviewException && attempt < 5)
            {
                // Rolled back as a whole; the same results are tried again.
            }
        }
    }

    /// <summary>
    /// One transaction in three round trips: lock the units of the caller's leases and read what judging them needs
    /// (with the named leases, for the reasons of refusals); judge in memory with the results applied; write results,
    /// verdicts, credits, usage and trust at once; commit. Whether jobs finished is asked after the commit.
    /// </summary>
    private async Task<(int Recorded, List<RefusedResult> Refused, bool NewWork)> RecordOnceAsync(
        ComputePeer peer, IReadOnlyList<IncomingResult> incoming, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);

        var leaseIds = incoming.Select(r => r.LeaseId).ToArray();
        Dictionary<long, LeaseFacts> named;
        ReviewState state;
        await using (var batch = new NpgsqlBatch(connection, transaction))
        {
            batch.BatchCommands.Add(LeaseFacts.ReadCommand(leaseIds));
            // The caller's own leases only: naming someone else's lease must not lock (or even read) its unit.
            foreach (var command in ReviewState.LockAndLoad(
                """SELECT "UnitId" FROM replicas WHERE "Id" = ANY(@leases) AND "AccountId" = @account""",
                """SELECT DISTINCT "JobId" FROM replicas WHERE "Id" = ANY(@leases) AND "AccountId" = @account""",
                () => [new("leases", leaseIds), new("account", peer.AccountId)]))
            {
                batch.BatchCommands.Add(command);
            }

            await using var reader = await batch.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            named = await LeaseFacts.ReadAsync(reader, cancellationToken).ConfigureAwait(false);
            await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
            state = await ReviewState.ReadAsync(reader, cancellationToken).ConfigureAwait(false);
        }

        // Judged on the replicas as read under the units' locks, which no other review or lease can change meanwhile.
        var current = state.Replicas.Values.SelectMany(list => list).ToDictionary(r => r.Id);
        var refused = new List<RefusedResult>();
        var accepted = new List<IncomingResult>();
        foreach (var result in incoming)
        {
            var lease = current.TryGetValue(result.LeaseId, out var row)
                ? new LeaseFacts(row.Id, row.UnitId, row.AccountId, row.State, row.Deadline, row.IsSpotCheck)
                : named.GetValueOrDefault(result.LeaseId);
            if (LeaseFacts.WhyRefused(lease, peer.AccountId, now) is { } reason)
            {
                refused.Add(new RefusedResult(result.LeaseId, reason));
            }
            else if (row is null)
            {
                refused.Add(new RefusedResult(result.LeaseId, "a result for this lease was recorded meanwhile, or it expired"));
            }
            else
            {
                accepted.Add(result);
            }
        }

        if (accepted.Count == 0)
        {
            return (0, refused, false);
        }

        var errors = accepted.Where(r => !r.Succeeded).Select(_ => new TrustEvent(peer.AccountId, TrustEventKind.Error));
        var outcome = await review.JudgeAndWriteAsync(
            connection, transaction, WithResults(state, accepted), new RecordedResults(peer.AccountId, accepted), errors, now, cancellationToken)
            .ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        await JobCompletion.FinishDecidedJobsAsync(connection, outcome.DecidedJobs, now, cancellationToken).ConfigureAwait(false);
        return (accepted.Count, refused, outcome.NewWork);
    }

    /// <summary>The state as it will be once the results are stored: their replicas succeeded or errored.</summary>
    private static ReviewState WithResults(ReviewState state, IReadOnlyList<IncomingResult> results)
    {
        var byLease = results.ToDictionary(r => r.LeaseId);
        var replicas = state.Replicas.ToDictionary(
            unit => unit.Key,
            unit => unit.Value.Select(replica => byLease.TryGetValue(replica.Id, out var result)
                ? replica with
                {
                    State = result.Succeeded ? ReplicaState.Succeeded : ReplicaState.Errored,
                    OutputSha256 = result.OutputSha256,
                }
                : replica).ToList());
        return state with { Replicas = replicas };
    }
}
