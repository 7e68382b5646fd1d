using System.Globalization;
using GridStream.Domain.Billing;
using GridStream.Server.Ledger;
using Npgsql;
using Stripe;

namespace GridStream.Server.Billing;

/// <summary>
/// invoice.paid and invoice.payment_failed: the invoice's stored status moves as <see cref="InvoiceProgress"/> decides
/// (paid is final, so any order of events ends the same), and the event that makes an invoice paid posts its money
/// (<see cref="InvoiceTransfers"/>, keyed by the invoice). The invoice row is locked first, so two events about one
/// invoice delivered at once are applied one after the other.
/// </summary>
internal sealed class ApplyInvoiceEvent(LedgerStore ledger) : IStripeEventEffect
{
    public const string PaidType = "invoice.paid";
    public const string PaymentFailedType = "invoice.payment_failed";

    public IReadOnlyCollection<string> EventTypes { get; } = [PaidType, PaymentFailedType];

    public async Task<string> ApplyAsync(Event stripeEvent, NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        if (stripeEvent.Data?.Object is not Invoice { Id: { Length: > 0 } invoiceId } invoice)
        {
            return "The event carries no invoice: nothing changed.";
        }

        if (invoice.CustomerId is not { Length: > 0 } customerId
            || await UserOfAsync(customerId, connection, transaction, cancellationToken).ConfigureAwait(false) is not { } userId)
        {
            return $"Invoice {invoiceId} is of an unknown customer ({invoice.CustomerId ?? "none"}): recorded, nothing changed.";
        }

        if (!string.Equals(invoice.Currency, "usd", StringComparison.OrdinalIgnoreCase))
        {
            return $"Invoice {invoiceId} is in '{invoice.Currency}', not usd: recorded, nothing changed.";
        }

        if (invoice.AmountDue < 0 || invoice.AmountPaid < 0)
        {
            return $"Invoice {invoiceId} has a negative amount: recorded, nothing changed.";
        }

        var heard = stripeEvent.Type == PaidType ? InvoiceStatus.Paid : InvoiceStatus.PaymentFailed;
        var eventAt = new DateTimeOffset(DateTime.SpecifyKind(stripeEvent.Created, DateTimeKind.Utc));
        var stored = await LockAsync(invoiceId, userId, customerId, invoice, heard, eventAt, connection, transaction, cancellationToken).ConfigureAwait(false);
        var next = InvoiceProgress.Next(stored, heard);
        if (stored is not null)
        {
            await UpdateAsync(invoiceId, next, stored != InvoiceStatus.Paid && heard == next ? invoice : null, eventAt, connection, transaction, cancellationToken).ConfigureAwait(false);
        }

        if (!InvoiceProgress.BecomesPaid(stored, heard))
        {
            return stored == InvoiceStatus.Paid
                ? $"Invoice {invoiceId} was paid already: nothing changed."
                : $"Invoice {invoiceId} of {customerId}: payment failed; the customer is past due until it is paid.";
        }

        var transfers = InvoiceTransfers.Paid(invoiceId, userId, invoice.AmountPaid);
        var results = await ledger.PostAsync(connection, transaction, transfers, cancellationToken).ConfigureAwait(false);
        if (results.FirstOrDefault(r => !r.Succeeded) is { } refused)
        {
            // Clearing, usage and cash may all go negative, so only a bug refuses this: fail, and Stripe delivers again.
            throw new InvalidOperationException($"The ledger refused '{refused.IdempotencyKey}' of invoice {invoiceId} ({refused.Outcome}): {refused.Error}");
        }

        return transfers.Count == 0
            ? $"Invoice {invoiceId} of {customerId} paid; nothing was due, nothing posted."
            : string.Create(CultureInfo.InvariantCulture,
                $"Invoice {invoiceId} of {customerId} paid: {invoice.AmountPaid} cents posted ({InvoiceTransfers.PaidKind}, {InvoiceTransfers.CashKind}).");
    }

    private static async Task<Guid?> UserOfAsync(string customerId, NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("""SELECT "UserId" FROM stripe_customers WHERE "CustomerId" = $1""", connection, transaction);
        command.Parameters.Add(new() { Value = customerId });
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) as Guid?;
    }

    /// <summary>
    /// The invoice's stored status, its row locked until the commit; or null when this event is the first about it,
    /// in which case the row is inserted with what the event says (and locked by the insert).
    /// </summary>
    private static async Task<InvoiceStatus?> LockAsync(string invoiceId, Guid userId, string customerId, Invoice invoice, InvoiceStatus heard,
        DateTimeOffset eventAt, NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        await using var insert = new NpgsqlCommand(
            """
            INSERT INTO stripe_invoices ("InvoiceId", "UserId", "CustomerId", "AmountDueCents", "AmountPaidCents", "Status", "LastEventAt")
            VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT ("InvoiceId") DO NOTHING
            """, connection, transaction);
        insert.Parameters.Add(new() { Value = invoiceId });
        insert.Parameters.Add(new() { Value = userId });
        insert.Parameters.Add(new() { Value = customerId });
        insert.Parameters.Add(new() { Value = invoice.AmountDue });
        insert.Parameters.Add(new() { Value = heard == InvoiceStatus.Paid ? invoice.AmountPaid : 0L });
        insert.Parameters.Add(new() { Value = heard.ToString() });
        insert.Parameters.Add(new() { Value = eventAt });
        if (await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1)
        {
            return null;
        }

        // The row exists (or a concurrent first event just inserted it: this waits for its commit, then reads it).
        await using var select = new NpgsqlCommand("""SELECT "Status" FROM stripe_invoices WHERE "InvoiceId" = $1 FOR UPDATE""", connection, transaction);
        select.Parameters.Add(new() { Value = invoiceId });
        return Enum.Parse<InvoiceStatus>((string)(await select.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!);
    }

    /// <param name="amounts">The invoice whose amounts to store, or null to keep the stored ones (a late failure after paid).</param>
    private static async Task UpdateAsync(string invoiceId, InvoiceStatus status, Invoice? amounts, DateTimeOffset eventAt,
        NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        await using var update = new NpgsqlCommand(
            """
            UPDATE stripe_invoices SET "Status" = $2, "LastEventAt" = GREATEST("LastEventAt", $3),
                   "AmountDueCents" = COALESCE($4, "AmountDueCents"), "AmountPaidCents" = COALESCE($5, "AmountPaidCents")
            WHERE "InvoiceId" = $1
            """, connection, transaction);
        update.Parameters.Add(new() { Value = invoiceId });
        update.Parameters.Add(new() { Value = status.ToString() });
        update.Parameters.Add(new() { Value = eventAt });
        update.Parameters.Add(new() { Value = (object?)amounts?.AmountDue ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Bigint });
        update.Parameters.Add(new() { Value = (object?)(amounts is not null && status == InvoiceStatus.Paid ? amounts.AmountPaid : null) ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Bigint });
        await update.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
