using GridStream.Domain.Payouts;
using Npgsql;

namespace GridStream.Server.Payouts;

/// <summary>
/// Another party's books checked against ours in the reconciliation report (Stripe's meter events and transfers).
/// Reads our side inside the report's snapshot; may ask the other party over the network.
/// </summary>
internal interface IExternalReconciliation
{
    Task<ExternalReconciliation> CheckAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, int listedPerKind,
        CancellationToken cancellationToken);
}

/// <summary>
/// One external check's result: its identities, the rows one side has and the other lacks (at most the listed number
/// per kind; <see cref="UnmatchedCount"/> counts them all), and, when it could not check, why (e.g. Stripe is not
/// configured). A check that could not run is shown as such and leaves <see cref="ReconciliationReport.Balanced"/> to
/// the checks that did.
/// </summary>
public sealed record ExternalReconciliation(
    string Name, IReadOnlyList<ReconciliationIdentity> Identities, long UnmatchedCount, IReadOnlyList<UnmatchedRow> Unmatched,
    string? NotChecked = null);
