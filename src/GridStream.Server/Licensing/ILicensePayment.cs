using GridStream.Domain.Ledger;
using Npgsql;

namespace GridStream.Server.Licensing;

/// <summary>
/// The money step of a license purchase: viewer wallet → owner earnings and platform fee (DESIGN §7), in two halves
/// around the license row, all inside the purchase's transaction, so a license and its payment commit together or not
/// at all. <see cref="LicenseSale.PaymentKey"/> is unique per purchase across all viewers; the same key again must
/// move the money at most once.
/// </summary>
public interface ILicensePayment
{
    /// <summary>Before the license row: holds the price, or answers why it cannot (then nothing moved).</summary>
    Task<PaymentOutcome> ReserveAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, LicenseSale sale, CancellationToken cancellationToken);

    /// <summary>Once the license row is written: takes what was held and pays the owner and the platform.</summary>
    Task CompleteAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, LicenseSale sale, CancellationToken cancellationToken);
}

public enum PaymentOutcome
{
    Reserved,

    /// <summary>The viewer's wallet holds less than the price; nothing was moved.</summary>
    InsufficientCredits,
}
