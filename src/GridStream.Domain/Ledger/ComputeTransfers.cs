using System.Globalization;

namespace GridStream.Domain.Ledger;

/// <summary>
/// The transfers a validated unit causes (DESIGN §7): each valid replica's credits, from the platform's credit
/// issuance into the viewer's wallet, and the customer's usage in cents, from the customer's usage account to the
/// platform's revenue. Keys are the replica's and the unit's ids, so reviewing the same unit again moves nothing twice.
/// </summary>
public static class ComputeTransfers
{
    public const string CreditKind = "compute.credit";
    public const string UsageKind = "compute.usage";

    public static readonly AccountRef Issuance = AccountRef.Platform(AccountPurpose.CreditIssuance, Currency.Credits);
    public static readonly AccountRef Revenue = AccountRef.Platform(AccountPurpose.Revenue, Currency.Usd);

    public static string CreditKey(long replicaId) => string.Create(CultureInfo.InvariantCulture, $"compute-credit:{replicaId}");

    public static string UsageKey(long unitId) => string.Create(CultureInfo.InvariantCulture, $"compute-usage:{unitId}");

    public static TransferRequest Credit(long replicaId, Guid viewerId, long microCredits) => new(
        CreditKey(replicaId), Issuance, AccountRef.Of(viewerId, AccountPurpose.Wallet, Currency.Credits), microCredits, CreditKind,
        replicaId.ToString(CultureInfo.InvariantCulture));

    public static TransferRequest Usage(long unitId, Guid customerId, long cents) => new(
        UsageKey(unitId), AccountRef.Of(customerId, AccountPurpose.Usage, Currency.Usd), Revenue, cents, UsageKind,
        unitId.ToString(CultureInfo.InvariantCulture));
}
