using System.Globalization;
using GridStream.Domain.Ledger;

namespace GridStream.Domain.Billing;

/// <summary>
/// The ledger batch of a paid Stripe invoice (DESIGN §7): <c>invoice.paid</c> settles the customer's debt (Stripe
/// clearing → the customer's usage account, which compute.usage ran below zero), and <c>invoice.cash</c> counts the
/// collected money as cash (cash → Stripe clearing). Stripe's own payouts to the bank are not tracked, so money is
/// cash as soon as Stripe collects it. Keys come from the invoice id, not the event id: Stripe may announce one
/// payment under several events, and it must post once.
/// </summary>
public static class InvoiceTransfers
{
    public const string PaidKind = "invoice.paid";
    public const string CashKind = "invoice.cash";

    public static readonly AccountRef StripeClearing = AccountRef.Platform(AccountPurpose.StripeClearing, Currency.Usd);
    public static readonly AccountRef Cash = AccountRef.Platform(AccountPurpose.Cash, Currency.Usd);

    public static string PaidKey(string invoiceId) => string.Create(CultureInfo.InvariantCulture, $"invoice-paid:{invoiceId}");

    public static string CashKey(string invoiceId) => string.Create(CultureInfo.InvariantCulture, $"invoice-cash:{invoiceId}");

    /// <summary>The two transfers, or none when nothing was paid (a zero invoice settles no debt).</summary>
    public static IReadOnlyList<TransferRequest> Paid(string invoiceId, Guid customerId, long amountPaidCents)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(invoiceId);
        ArgumentOutOfRangeException.ThrowIfNegative(amountPaidCents);
        if (amountPaidCents == 0)
        {
            return [];
        }

        return
        [
            new TransferRequest(PaidKey(invoiceId), StripeClearing, AccountRef.Of(customerId, AccountPurpose.Usage, Currency.Usd),
                amountPaidCents, PaidKind, invoiceId),
            new TransferRequest(CashKey(invoiceId), Cash, StripeClearing, amountPaidCents, CashKind, invoiceId),
        ];
    }
}
