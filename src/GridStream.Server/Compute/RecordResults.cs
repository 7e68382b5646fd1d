using GridStream.Domain.Compute.Protocol;
using GridStream.Server.Data;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;

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
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.DeadlockDetected && attempt < 5)
            {
                // Rolled back as a whole; the same results are tried again.
            }
        }
    }

    private async Task<(int Recorded, List<RefusedResult> Refused, bool NewWork)> RecordOnceAsync(
        ComputePeer peer, IReadOnlyList<IncomingResult> incoming, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);

        var leases = await LeaseFacts.ReadAsync(connection, transaction, [.. incoming.Select(r => r.LeaseId)], cancellationToken).ConfigureAwait(false);
        var refused = new List<RefusedResult>();
        var acceptable = new List<IncomingResult>();
        foreach (var result in incoming)
        {
            if (LeaseFacts.WhyRefused(leases.GetValueOrDefault(result.LeaseId), peer.AccountId, now) is { } reason)
            {
                refused.Add(new RefusedResult(result.LeaseId, reason));
            }
            else
            {
                acceptable.Add(result);
            }
        }

        if (acceptable.Count == 0)
        {
            return (0, refused, false);
        }

        var units = await UnitReview.LockUnitsAsync(
            connection, transaction, [.. acceptable.Select(r => leases[r.LeaseId].UnitId).Distinct()], cancellationToken).ConfigureAwait(false);
        var stored = await StoreAsync(connection, transaction, peer, acceptable, now, cancellationToken).ConfigureAwait(false);
        refused.AddRange(acceptable.Where(r => !stored.Contains(r.LeaseId))
            .Select(r => new RefusedResult(r.LeaseId, "a result for this lease was recorded meanwhile, or it expired")));

        var errors = acceptable.Where(r => stored.Contains(r.LeaseId) && !r.Succeeded)
            .Select(_ => new TrustEvent(peer.AccountId, TrustEventKind.Error));
        var outcome = await review.ReviewAsync(connection, transaction, units, errors, now, cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        await JobCompletion.FinishDecidedJobsAsync(connection, outcome.DecidedJobs, now, cancellationToken).ConfigureAwait(false);
        return (stored.Count, refused, outcome.NewWork);
    }

    private static async Task<HashSet<long>> StoreAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, ComputePeer peer, IReadOnlyList<IncomingResult> results, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        await using var store = new NpgsqlCommand(
            """
            UPDATE replicas r SET
                "State" = CASE WHEN v.output IS NULL THEN 'Errored' ELSE 'Succeeded' END,
                "Output" = v.output, "OutputSha256" = v.hash, "Error" = v.error, "CpuMillis" = v.cpu, "FinishedAt" = @now
            FROM unnest(@ids, @outputs, @hashes, @errors, @cpu) AS v(id, output, hash, error, cpu)
            WHERE r."Id" = v.id AND r."AccountId" = @account AND r."State" = 'InFlight' AND r."Deadline" >= @now
            RETURNING r."Id"
            """, connection, transaction);
        store.Parameters.AddWithValue("ids", results.Select(r => r.LeaseId).ToArray());
        store.Parameters.Add(new NpgsqlParameter("outputs", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = results.Select(r => r.CanonicalOutput).ToArray() });
        store.Parameters.Add(new NpgsqlParameter("hashes", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = results.Select(r => r.OutputSha256).ToArray() });
        store.Parameters.Add(new NpgsqlParameter("errors", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = results.Select(r => r.Error).ToArray() });
        store.Parameters.AddWithValue("cpu", results.Select(r => r.CpuMillis).ToArray());
        store.Parameters.AddWithValue("account", peer.AccountId);
        store.Parameters.AddWithValue("now", now);
        var stored = new HashSet<long>();
        await using var reader = await store.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            stored.Add(reader.GetInt64(0));
        }

        return stored;
    }
}
