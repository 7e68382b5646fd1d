using System.Globalization;

namespace GridStream.Domain.Ledger;

/// <summary>
/// The transfers of a license sale (DESIGN §7), all referring to the license: the price is reserved from the viewer's
/// wallet into the platform's license escrow (pending) before the license exists, posted once it does, and then
/// split out of escrow into the owner's earnings and the platform's fees. Keys derive from the purchase's payment key,
/// so a purchase repeated with the same key moves nothing twice.
/// </summary>
public static class LicenseSaleTransfers
{
    public const string PurchaseKind = "license.purchase";
    public const string EarningsKind = "license.earnings";
    public const string FeeKind = "license.fee";

    public static readonly AccountRef Escrow = AccountRef.Platform(AccountPurpose.LicenseEscrow, Currency.Credits);
    public static readonly AccountRef Fees = AccountRef.Platform(AccountPurpose.Fees, Currency.Credits);

    public static string PostKey(string paymentKey) => $"{paymentKey}:post";

    public static string EarningsKey(string paymentKey) => $"{paymentKey}:owner";

    public static string FeeKey(string paymentKey) => $"{paymentKey}:fee";

    /// <summary>How licenses are named in the ledger's references (the license id as PostgreSQL prints a uuid).</summary>
    public static string Reference(Guid licenseId) => licenseId.ToString("D", CultureInfo.InvariantCulture);

    /// <summary>Viewer wallet → license escrow, pending: the price is held, the viewer can no longer spend it.</summary>
    public static TransferRequest Reservation(LicenseSale sale)
    {
        ArgumentNullException.ThrowIfNull(sale);
        return new TransferRequest(
            sale.PaymentKey, AccountRef.Of(sale.ViewerId, AccountPurpose.Wallet, Currency.Credits), Escrow, sale.PriceMicroCredits, PurchaseKind,
            Reference(sale.LicenseId), Pending: true);
    }

    /// <summary>Escrow → owner earnings and escrow → platform fees; a part that rounds to nothing is left out.</summary>
    public static IReadOnlyList<TransferRequest> Split(LicenseSale sale, int feePercent)
    {
        ArgumentNullException.ThrowIfNull(sale);
        var split = MoneyRules.SplitSale(sale.PriceMicroCredits, feePercent);
        var reference = Reference(sale.LicenseId);
        var transfers = new List<TransferRequest>(2);
        if (split.OwnerEarnings > 0)
        {
            transfers.Add(new TransferRequest(
                EarningsKey(sale.PaymentKey), Escrow, AccountRef.Of(sale.OwnerId, AccountPurpose.Earnings, Currency.Credits), split.OwnerEarnings,
                EarningsKind, reference));
        }

        if (split.PlatformFee > 0)
        {
            transfers.Add(new TransferRequest(FeeKey(sale.PaymentKey), Escrow, Fees, split.PlatformFee, FeeKind, reference));
        }

        return transfers;
    }
}

/// <summary>One license sale: who pays whom how much, for which license, under which payment key (unique across viewers).</summary>
public sealed record LicenseSale(Guid LicenseId, Guid ViewerId, Guid OwnerId, long PriceMicroCredits, string PaymentKey);
