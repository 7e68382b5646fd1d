namespace GridStream.Server.Data;

/// <summary>
/// Credits a viewer earned for one validated replica, written in the transaction that validated it, together with
/// the compute.credit transfer that books it (with the viewer's other credits for the same job in that review).
/// </summary>
public sealed class ComputeEarning
{
    public long ReplicaId { get; set; }
    public Guid ViewerId { get; set; }
    public Guid JobId { get; set; }
    public long MicroCredits { get; set; }
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>The idempotency key of the compute.credit transfer this row is part of.</summary>
    public required string TransferKey { get; set; }
}

/// <summary>
/// What a customer owes for one accepted unit, written in the transaction that accepted it (one per unit). It is also
/// the Stripe outbox: the Stripe* columns say whether its meter event has been sent (see Billing/RelayUsage).
/// </summary>
public sealed class ComputeUsage
{
    public long UnitId { get; set; }
    public Guid CustomerId { get; set; }
    public Guid JobId { get; set; }
    public long AmountCents { get; set; }
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>The idempotency key of the compute.usage transfer this row is part of; none when the unit was free.</summary>
    public string? TransferKey { get; set; }
    public UsageRelayState StripeState { get; set; }
    public int StripeAttempts { get; set; }
    public DateTimeOffset? StripeNextAttemptAt { get; set; }
    public DateTimeOffset? StripeSentAt { get; set; }
    public string? StripeError { get; set; }
}
