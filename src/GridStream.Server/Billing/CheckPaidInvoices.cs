using System.Globalization;
using GridStream.Domain.Billing;
using GridStream.Server.Payouts;
using Npgsql;

namespace GridStream.Server.Billing;

/// <summary>
/// The reconciliation's "stripe invoices" check, on our side only: Σ invoice.paid transfers = Σ invoice.cash transfers
/// = Σ amount paid of the paid invoices stored, and every paid invoice with an amount has its invoice.paid transfer.
/// </summary>
internal sealed class CheckPaidInvoices : IExternalReconciliation
{
    public const string Name = "stripe invoices";
    public const string UnpostedKind = "paid invoice without invoice.paid";

    public async Task<ExternalReconciliation> CheckAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, int listedPerKind,
        CancellationToken cancellationToken)
    {
        long paid, cash, invoices;
        await using (var totals = new NpgsqlCommand(
            $"""
            SELECT
              COALESCE(sum("Amount") FILTER (WHERE "Kind" = '{InvoiceTransfers.PaidKind}'), 0)::bigint,
              COALESCE(sum("Amount") FILTER (WHERE "Kind" = '{InvoiceTransfers.CashKind}'), 0)::bigint,
              (SELECT COALESCE(sum("AmountPaidCents"), 0)::bigint FROM stripe_invoices WHERE "Status" = 'Paid')
            FROM ledger_transfers
            WHERE "Currency" = 'Usd' AND "State" = 'Posted' AND "Kind" IN ('{InvoiceTransfers.PaidKind}', '{InvoiceTransfers.CashKind}')
            """, connection, transaction))
        {
            await using var reader = await totals.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            (paid, cash, invoices) = (reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2));
        }

        await using var command = new NpgsqlCommand(
            $"""
            SELECT count(*) OVER (), i."InvoiceId", i."AmountPaidCents" FROM stripe_invoices i
            WHERE i."Status" = 'Paid' AND i."AmountPaidCents" > 0
              AND NOT EXISTS (SELECT 1 FROM ledger_transfers t WHERE t."Kind" = '{InvoiceTransfers.PaidKind}' AND t."Reference" = i."InvoiceId")
            ORDER BY i."InvoiceId" LIMIT $1
            """, connection, transaction);
        command.Parameters.Add(new() { Value = listedPerKind });
        long unpostedCount = 0;
        var unposted = new List<UnmatchedRow>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                unpostedCount = reader.GetInt64(0);
                unposted.Add(new UnmatchedRow(UnpostedKind, reader.GetString(1), reader.GetInt64(2),
                    string.Create(CultureInfo.InvariantCulture, $"paid at Stripe ({reader.GetInt64(2)} cents) but not posted to the ledger")));
            }
        }

        return new ExternalReconciliation(Name, [StripeUsageComparison.PaidInvoicesIdentity(paid, cash, invoices)], unpostedCount, unposted);
    }
}
