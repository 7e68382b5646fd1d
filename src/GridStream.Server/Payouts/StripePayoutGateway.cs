using GridStream.Domain.Payouts;
using GridStream.Server.Billing;
using Npgsql;
using Stripe;

namespace GridStream.Server.Payouts;

/// <summary>
/// Pays owners with Stripe Connect transfers to their connected accounts (used instead of the manual gateway when
/// Stripe is configured). A transfer is created under the payout's idempotency key and the payout waits for
/// transfer.created; Stripe's refusals (balance, destination) fail the payout; network trouble leaves it in transit
/// without a transfer id, and the next run sends it again under the same key.
/// </summary>
internal sealed class StripePayoutGateway(StripeGateway stripe, NpgsqlDataSource dataSource, ILogger<StripePayoutGateway> logger)
    : IPayoutGateway
{
    public const string GatewayName = "stripe";

    public string Name => GatewayName;

    public bool ResendsUnreferenced => true;

    public async Task<string?> WhyCannotPayAsync(Guid ownerId, CancellationToken cancellationToken)
    {
        var account = await AccountOfAsync(ownerId, cancellationToken).ConfigureAwait(false);
        return ConnectReadiness.WhyCannotPay(account?.AccountId, account?.Status);
    }

    public async Task<GatewayOutcome> SendAsync(PayoutOrder payout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(payout);
        var account = await AccountOfAsync(payout.OwnerId, cancellationToken).ConfigureAwait(false);
        if (ConnectReadiness.WhyCannotPay(account?.AccountId, account?.Status) is { } notReady)
        {
            return new GatewayOutcome.Failed(notReady);
        }

        // Stripe forgets idempotency keys after a day: a payout sent again later must find its transfer, not make another.
        var existing = await stripe.TransfersOfAsync(payout.PayoutId, cancellationToken).ConfigureAwait(false);
        if (existing.Count > 0)
        {
            // Newest first: the oldest is the one the payout made first (more than one shows in the reconciliation).
            var first = existing[^1];
            logger.LogInformation("Payout {PayoutId} already has Stripe transfer {TransferId}", payout.PayoutId, first.Id);
            return new GatewayOutcome.AwaitingConfirmation(first.Id);
        }

        try
        {
            var transfer = await stripe.CreateTransferAsync(payout, account!.AccountId, cancellationToken).ConfigureAwait(false);
            return new GatewayOutcome.AwaitingConfirmation(transfer.Id);
        }
        catch (StripeException refused) when (IsRefusal(refused))
        {
            logger.LogWarning("Stripe refused the transfer of payout {PayoutId}: {Code} {Message}", payout.PayoutId, refused.StripeError?.Code, refused.Message);
            return new GatewayOutcome.Failed($"Stripe refused the transfer: {refused.StripeError?.Message ?? refused.Message}");
        }
    }

    /// <summary>
    /// A final answer about this transfer (4xx other than rate limiting, lock conflicts and key clashes): sending again
    /// under the same key would get the same refusal. Anything else (5xx, network) leaves the payout to be sent again.
    /// </summary>
    private static bool IsRefusal(StripeException e) =>
        (int)e.HttpStatusCode is >= 400 and < 500 and not 401 and not 403 and not 409 and not 429 && e.StripeError?.Type != "idempotency_error";

    private async Task<ConnectAccountRow?> AccountOfAsync(Guid ownerId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        return await ConnectAccounts.OfOwnerAsync(connection, null, ownerId, cancellationToken).ConfigureAwait(false);
    }
}
