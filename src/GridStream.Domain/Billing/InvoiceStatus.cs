namespace GridStream.Domain.Billing;

/// <summary>What we know of a Stripe invoice from its webhooks.</summary>
public enum InvoiceStatus
{
    /// <summary>A payment attempt failed and no payment has been heard of yet.</summary>
    PaymentFailed,

    /// <summary>Paid: final, whatever arrives later.</summary>
    Paid,
}

/// <summary>
/// How an invoice's stored status moves when an event about it arrives, in any order: paid is final (a
/// payment_failed delivered after invoice.paid, late or replayed, changes nothing), and paid after failed clears it.
/// </summary>
public static class InvoiceProgress
{
    /// <param name="stored">The status stored so far, or null when this is the first event about the invoice.</param>
    /// <param name="heard">What the arriving event says.</param>
    public static InvoiceStatus Next(InvoiceStatus? stored, InvoiceStatus heard) =>
        stored == InvoiceStatus.Paid ? InvoiceStatus.Paid : heard;

    /// <summary>Whether this event is the one that makes the invoice paid (and so posts its money).</summary>
    public static bool BecomesPaid(InvoiceStatus? stored, InvoiceStatus heard) =>
        stored != InvoiceStatus.Paid && Next(stored, heard) == InvoiceStatus.Paid;
}
