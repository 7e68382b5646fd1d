using GridStream.Domain.Ledger;
using GridStream.Domain.Payouts;
using Npgsql;

namespace GridStream.Server.Payouts;

/// <summary>Per currency: accounts, transfers and the totals of all accounts (all sums are SQL aggregates).</summary>
public sealed record CurrencyTotals(
    string Currency, long Accounts, long Transfers, long DebitsPosted, long CreditsPosted, long DebitsPending, long CreditsPending);

/// <summary>A row one side of the books has and the other lacks.</summary>
public sealed record UnmatchedRow(string Kind, string Reference, long? Amount, string Problem);

/// <summary>
/// The admin's proof that the books hold (money.md): each identity with its sides and whether it balances, the
/// totals per currency, and the rows that have no counterpart (at most <see cref="GetReconciliation.ListedPerKind"/>
/// per kind; <see cref="UnmatchedCount"/> counts them all), then the checks against other parties' books (Stripe's).
/// </summary>
public sealed record ReconciliationReport(
    DateTimeOffset At, bool Balanced, IReadOnlyList<ReconciliationIdentity> Identities, IReadOnlyList<CurrencyTotals> Currencies,
    long UnmatchedCount, IReadOnlyList<UnmatchedRow> Unmatched, IReadOnlyList<ExternalReconciliation> External);

internal static class GetReconciliation
{
    public const int ListedPerKind = 50;

    public static async Task<ReconciliationReport> HandleAsync(NpgsqlDataSource dataSource, TimeProvider clock,
        IEnumerable<IExternalReconciliation> externalChecks, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        // One snapshot for every figure, so a transfer committing half-way cannot unbalance the report.
        await using var transaction = await connection.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, cancellationToken).ConfigureAwait(false);
        var flows = await ReconciliationQueries.FlowsAsync(connection, transaction, cancellationToken).ConfigureAwait(false);
        var currencies = await ReconciliationQueries.CurrenciesAsync(connection, transaction, cancellationToken).ConfigureAwait(false);
        var (unmatchedCount, unmatched) = await ReconciliationQueries.UnmatchedAsync(connection, transaction, ListedPerKind, cancellationToken).ConfigureAwait(false);
        List<ExternalReconciliation> external = [];
        foreach (var check in externalChecks)
        {
            external.Add(await check.CheckAsync(connection, transaction, ListedPerKind, cancellationToken).ConfigureAwait(false));
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);

        List<ReconciliationIdentity> identities =
        [
            ReconciliationIdentity.Credits(flows.Issued, flows.Spent, flows.Wallets),
            ReconciliationIdentity.Earnings(flows.Earned, flows.Paid, flows.InTransit, flows.Outstanding),
            ReconciliationIdentity.Usage(flows.UsageTransfers, flows.AcceptedUnitsTimesPrice, flows.UsageRows),
            .. Enum.GetValues<Currency>().Select(currency => currencies.SingleOrDefault(c => c.Currency == currency.ToString()) is { } totals
                ? ReconciliationIdentity.DebitsEqualCredits(currency, totals.DebitsPosted, totals.CreditsPosted, totals.DebitsPending, totals.CreditsPending)
                : ReconciliationIdentity.DebitsEqualCredits(currency, 0, 0, 0, 0)),
        ];
        var balanced = identities.All(i => i.Balanced) && unmatchedCount == 0
            && external.All(e => e.Identities.All(i => i.Balanced) && e.UnmatchedCount == 0);
        return new ReconciliationReport(clock.GetUtcNow(), balanced, identities, currencies, unmatchedCount, unmatched, external);
    }
}
