namespace GridStream.Server.Payouts;

/// <summary>
/// Until Stripe Connect: an admin pays the owner outside GridStream (a bank transfer) and then confirms the payout
/// with the bank's reference, or fails it.
/// </summary>
internal sealed class ManualPayoutGateway : IPayoutGateway
{
    public string Name => "manual";

    /// <summary>An admin confirms each payout by hand; there is nothing to send again.</summary>
    public bool ResendsUnreferenced => false;

    public Task<string?> WhyCannotPayAsync(Guid ownerId, CancellationToken cancellationToken) => Task.FromResult<string?>(null);

    public Task<GatewayOutcome> SendAsync(PayoutOrder payout, CancellationToken cancellationToken) =>
        Task.FromResult<GatewayOutcome>(new GatewayOutcome.AwaitingConfirmation());
}
