using GridStream.Domain.Ledger;
using GridStream.Server.Ledger;
using Npgsql;

namespace GridStream.Server.Compute;

/// <summary>
/// Books a review's money in the ledger, in the transaction that validates the units: each valid replica's credits
/// into its viewer's wallet and each accepted unit's price as the customer's usage. One ledger call per review, made
/// last: it locks the platform's credit issuance and revenue accounts, which every review shares, until the commit.
/// </summary>
internal sealed class ReviewLedger(LedgerStore ledger)
{
    public async Task PostAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<UnitChange> changes, CancellationToken cancellationToken)
    {
        var transfers = Transfers(changes);
        if (transfers.Count == 0)
        {
            return;
        }

        var results = await ledger.PostAsync(connection, transaction, transfers, cancellationToken).ConfigureAwait(false);
        // Issuance and usage accounts may go below zero, so only a bug refuses these: better no review than one unpaid.
        if (results.FirstOrDefault(r => !r.Succeeded) is { } refused)
        {
            throw new InvalidOperationException($"The ledger refused the transfer '{refused.IdempotencyKey}' of a review ({refused.Outcome}): {refused.Error}");
        }
    }

    public static List<TransferRequest> Transfers(IReadOnlyList<UnitChange> changes) =>
    [
        .. changes.SelectMany(c => c.Earnings).Select(e => ComputeTransfers.Credit(e.ReplicaId, e.ViewerId, e.MicroCredits)),
        .. changes.Where(c => c.UsageCents > 0).Select(c => ComputeTransfers.Usage(c.UnitId, c.CustomerId, c.UsageCents!.Value)),
    ];
}
