using GridStream.Domain.Ledger;
using GridStream.Server.Ledger;
using Microsoft.Extensions.Options;
using Npgsql;

namespace GridStream.Server.Licensing;

/// <summary>
/// Pays for licenses with credits through the ledger: wallet → license escrow (pending) before the license exists,
/// posted after, then escrow → owner earnings and platform fee (GridStream:Money:PlatformFeePercent). The ledger
/// locks the wallet for the check, so purchases running at once from one wallet cannot spend it twice.
/// </summary>
internal sealed class LedgerLicensePayment(LedgerStore ledger, IOptions<MoneyOptions> options) : ILicensePayment
{
    public async Task<PaymentOutcome> ReserveAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, LicenseSale sale, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sale);
        var result = (await ledger.PostAsync(connection, transaction, [LicenseSaleTransfers.Reservation(sale)], cancellationToken)
            .ConfigureAwait(false))[0];
        return result.Outcome switch
        {
            TransferOutcome.PendingCreated or TransferOutcome.AlreadyDone => PaymentOutcome.Reserved,
            TransferOutcome.InsufficientFunds => PaymentOutcome.InsufficientCredits,
            _ => throw Refused(result),
        };
    }

    public async Task CompleteAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, LicenseSale sale, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sale);
        var posted = await ledger.PostPendingAsync(connection, transaction, sale.PaymentKey, LicenseSaleTransfers.PostKey(sale.PaymentKey), cancellationToken)
            .ConfigureAwait(false);
        if (!posted.Succeeded)
        {
            throw Refused(posted);
        }

        var split = await ledger.PostAsync(connection, transaction, LicenseSaleTransfers.Split(sale, options.Value.PlatformFeePercent), cancellationToken)
            .ConfigureAwait(false);
        if (split.FirstOrDefault(r => !r.Succeeded) is { } refused)
        {
            throw Refused(refused);
        }
    }

    /// <summary>The purchase's transaction is rolled back when this is thrown, so a half-paid license never stands.</summary>
    private static InvalidOperationException Refused(TransferResult result) =>
        new($"The ledger refused the license payment transfer '{result.IdempotencyKey}' ({result.Outcome}): {result.Error}");
}
