using Npgsql;

namespace GridStream.Server.Licensing;

/// <summary>
/// The money step of a license purchase: viewer wallet → owner earnings and platform fee (DESIGN §7). It runs inside
/// the purchase's transaction, so a license row and its payment commit together or not at all.
/// The <paramref name="idempotencyKey"/> is unique per purchase across all viewers; the same key again must move the
/// money at most once.
/// </summary>
public interface ILicensePayment
{
    Task<PaymentOutcome> ChargeAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, Guid viewerId, Guid ownerId, long priceMicroCredits,
        string idempotencyKey, CancellationToken cancellationToken);
}

public enum PaymentOutcome
{
    Paid,

    /// <summary>The viewer's wallet holds less than the price; nothing was moved.</summary>
    InsufficientCredits,

    /// <summary>This server cannot take payments (no ledger yet); nothing was moved.</summary>
    Unavailable,
}
