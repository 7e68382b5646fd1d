namespace GridStream.Server.Data;

/// <summary>
/// A viewer's right to play one content item, bought once. Rows are never changed or deleted: a sale must stay
/// explainable (what was paid, when, under which key) after the license or even the item is gone.
/// </summary>
public sealed class ContentLicense
{
    public Guid Id { get; set; }
    public Guid ViewerId { get; set; }
    public Guid ContentItemId { get; set; }
    public DateTimeOffset GrantedAt { get; set; }

    /// <summary>Null: the license never expires.</summary>
    public DateTimeOffset? ExpiresAt { get; set; }

    public long PricePaidMicroCredits { get; set; }

    /// <summary>The buyer's key for this purchase: the same key again returns this license instead of buying twice.</summary>
    public required string IdempotencyKey { get; set; }
}
