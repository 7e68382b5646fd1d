using GridStream.Domain.Billing;

namespace GridStream.Server.Data;

/// <summary>
/// A Stripe invoice of a compute customer, as its webhooks told us (one row per invoice, whatever the order and
/// number of events). Only the statuses decided by <see cref="InvoiceProgress"/> are stored: paid is final.
/// </summary>
public sealed class StripeInvoice
{
    public required string InvoiceId { get; set; }
    public Guid UserId { get; set; }
    public required string CustomerId { get; set; }
    public long AmountDueCents { get; set; }
    public long AmountPaidCents { get; set; }
    public InvoiceStatus Status { get; set; }

    /// <summary>Stripe's time of the latest event applied to this invoice.</summary>
    public DateTimeOffset LastEventAt { get; set; }
}
