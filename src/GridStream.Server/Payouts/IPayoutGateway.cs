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

    /// <summary>Someone must confirm it (POST /api/admin/payouts/{id}/confirm) or fail it.</summary>
    public sealed record AwaitingConfirmation : GatewayOutcome;

    /// <summary>The money did not leave; the payout fails and its credits are outstanding again.</summary>
    public sealed record Failed(string Reason) : GatewayOutcome;
}
