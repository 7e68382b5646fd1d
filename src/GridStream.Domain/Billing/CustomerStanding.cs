namespace GridStream.Domain.Billing;

/// <summary>Whether a compute customer may submit new jobs.</summary>
public enum Standing
{
    Good,

    /// <summary>An invoice's payment failed and it is not paid: new jobs are refused until it is.</summary>
    PastDue,
}

public static class CustomerStanding
{
    /// <summary>PastDue while any of the customer's invoices is payment_failed and not paid; else Good (no invoices too).</summary>
    public static Standing Of(IEnumerable<InvoiceStatus> invoices)
    {
        ArgumentNullException.ThrowIfNull(invoices);
        return invoices.Any(status => status == InvoiceStatus.PaymentFailed) ? Standing.PastDue : Standing.Good;
    }

    /// <summary>Why a PastDue customer's new job is refused, and what to do.</summary>
    public static string RefusalDetail(int unpaidInvoices) =>
        $"{unpaidInvoices} invoice{(unpaidInvoices == 1 ? "" : "s")} could not be charged and {(unpaidInvoices == 1 ? "is" : "are")} unpaid. " +
        "Update your payment method or pay the open invoice at Stripe; new jobs are accepted again as soon as Stripe reports it paid. " +
        "Jobs already running continue. GET /api/billing/account lists your invoices.";
}
