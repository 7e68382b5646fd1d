namespace GridStream.Server.Data;

/// <summary>
/// A Stripe event received by the webhook endpoint, stored once under its Stripe id in the same transaction as its
/// effect, so a redelivered event is recognised and has none. <see cref="Effect"/> says what it did, for admins.
/// </summary>
public sealed class StripeWebhookEvent
{
    public required string EventId { get; set; }
    public required string Type { get; set; }

    /// <summary>The id of the object the event is about (invoice, transfer, account …), when it has one.</summary>
    public string? ObjectId { get; set; }

    /// <summary>When Stripe created the event (its <c>created</c>): what ordering between events there is comes from here.</summary>
    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset ReceivedAt { get; set; }
    public required string Effect { get; set; }

    /// <summary>The event as Stripe sent it (JSON), kept so that handling added later can replay what was received.</summary>
    public required string Payload { get; set; }
}
