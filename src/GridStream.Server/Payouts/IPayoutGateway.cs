namespace GridStream.Server.Payouts;

/// <summary>
/// The way money leaves the platform for one payout (Stripe Connect in issue 6). Called after the payout and its
/// pending transfers are committed; <see cref="PayoutOrder.IdempotencyKey"/> is stable per payout, so sending again
/// after a crash cannot pay twice at a gateway that honours it.
/// </summary>
public interface IPayoutGateway
{
    /// <summary>Short name stored with each payout (≤ 32 characters).</summary>
    string Name { get; }

    /// <summary>
    /// True when a payout of this gateway still in transit without <see cref="GatewayOutcome.AwaitingConfirmation.Reference"/>
    /// was never handed over (a crash or fault between commit and send), so the next run sends it again under the same key.
    /// </summary>
    bool ResendsUnreferenced { get; }

    /// <summary>Why the owner cannot be paid this way now (asked before a payout row is made), or null when they can.</summary>
    Task<string?> WhyCannotPayAsync(Guid ownerId, CancellationToken cancellationToken);

    Task<GatewayOutcome> SendAsync(PayoutOrder payout, CancellationToken cancellationToken);
}

public sealed record PayoutOrder(Guid PayoutId, Guid OwnerId, long Cents, string IdempotencyKey);

/// <summary>What the gateway did with a payout.</summary>
public abstract record GatewayOutcome
{
    private GatewayOutcome()
    {
    }

    /// <summary>The money left; the payout is paid under the gateway's reference.</summary>
    public sealed record Sent(string Reference) : GatewayOutcome;

    /// <summary>
    /// Someone must confirm it (POST /api/admin/payouts/{id}/confirm, or the gateway's own notice such as Stripe's
    /// transfer.created) or fail it. <paramref name="Reference"/>: what the gateway made (a Stripe transfer id), stored on the payout.
    /// </summary>
    public sealed record AwaitingConfirmation(string? Reference = null) : GatewayOutcome;

    /// <summary>The money did not leave; the payout fails and its credits are outstanding again.</summary>
    public sealed record Failed(string Reason) : GatewayOutcome;
}
