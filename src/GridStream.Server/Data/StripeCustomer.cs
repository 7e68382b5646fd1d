namespace GridStream.Server.Data;

/// <summary>A compute customer's Stripe customer and its subscription to the metered price (one row per account).</summary>
public sealed class StripeCustomer
{
    public Guid UserId { get; set; }
    public required string CustomerId { get; set; }
    public string? SubscriptionId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}
