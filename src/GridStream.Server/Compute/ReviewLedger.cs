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
        var refused = results.Select((result, i) => (Result: result, Transfer: transfers[i]))
            .FirstOrDefault(pair => !pair.Result.Succeeded && !CreditedBefore(pair.Result, pair.Transfer));
        if (refused.Result is { } result)
        {
            throw new InvalidOperationException($"The ledger refused the transfer '{result.IdempotencyKey}' of a review ({result.Outcome}): {result.Error}");
        }
    }

    /// <summary>
    /// A unit accepted on one trusted account's word is opened again when that account is caught lying (TrustStore),
    /// and accepted anew with more replicas: its first replica then comes up with a smaller share. It was credited when
    /// the unit was first accepted and is not credited again, as its compute_earnings row is kept as first written.
    /// </summary>
    private static bool CreditedBefore(TransferResult result, TransferRequest transfer) =>
        result.Outcome == TransferOutcome.KeyReusedWithDifferentContent && transfer.Kind == ComputeTransfers.CreditKind;

    public static List<TransferRequest> Transfers(IReadOnlyList<UnitChange> changes) =>
    [
        .. changes.SelectMany(c => c.Earnings).Select(e => ComputeTransfers.Credit(e.ReplicaId, e.ViewerId, e.MicroCredits)),
        .. changes.Where(c => c.UsageCents > 0).Select(c => ComputeTransfers.Usage(c.UnitId, c.CustomerId, c.UsageCents!.Value)),
    ];
}
