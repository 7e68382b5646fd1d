using Npgsql;

namespace GridStream.Server.Licensing;

/// <summary>
/// The payment step until the ledger is wired in: it never takes money, so priced content cannot be bought (free
/// content needs no payment and never gets here). Refusing is the only safe answer: a license must not be granted unpaid.
/// </summary>
internal sealed class PaymentsNotAvailable : ILicensePayment
{
    public Task<PaymentOutcome> ChargeAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, Guid viewerId, Guid ownerId, long priceMicroCredits,
        string idempotencyKey, CancellationToken cancellationToken) =>
        Task.FromResult(PaymentOutcome.Unavailable);
}
