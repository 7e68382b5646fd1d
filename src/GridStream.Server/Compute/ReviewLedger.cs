using GridStream.Domain.Ledger;
using GridStream.Server.Ledger;
using Npgsql;

namespace GridStream.Server.Compute;

/// <summary>
/// Books a review's money in the ledger, in the transaction that validates the units: one compute.credit transfer
/// per viewer and job for the replicas the review validated, one compute.usage transfer per job for the units it
/// accepted (<see cref="ComputeTransfers.Book"/>). One ledger call per review, made last: it locks the platform's
/// credit issuance and revenue accounts, which every review shares, until the commit.
/// </summary>
internal sealed class ReviewLedger(LedgerStore ledger)
{
    public static ReviewBooking Book(IReadOnlyList<UnitChange> changes) => ComputeTransfers.Book(
        [.. changes.SelectMany(c => c.Earnings.Select(e => new CreditLine(e.ReplicaId, e.ViewerId, c.JobId, e.MicroCredits)))],
        [.. changes.Where(c => c.UsageCents is not null).Select(c => new UsageLine(c.UnitId, c.CustomerId, c.JobId, c.UsageCents!.Value))]);

    public async Task PostAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, ReviewBooking booking, CancellationToken cancellationToken)
    {
        if (booking.Transfers.Count == 0)
        {
            return;
        }

        var results = await ledger.PostAsync(connection, transaction, booking.Transfers, cancellationToken).ConfigureAwait(false);
        // Issuance and usage accounts may go below zero and every key names a replica or unit booked for the first
        // time, so only a bug refuses one of these: better no review than one unpaid.
        if (results.FirstOrDefault(r => !r.Succeeded) is { } refused)
        {
            throw new InvalidOperationException($"The ledger refused the transfer '{refused.IdempotencyKey}' of a review ({refused.Outcome}): {refused.Error}");
        }
    }
}
