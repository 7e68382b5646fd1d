namespace GridStream.Server.Data;

/// <summary>
/// A content owner's Stripe Connect (Express) account and what Stripe last said about it, as of
/// <see cref="StatusAt"/>: an account.updated older than that changes nothing.
/// </summary>
public sealed class StripeConnectAccount
{
    public Guid OwnerId { get; set; }
    public required string AccountId { get; set; }
    public bool PayoutsEnabled { get; set; }
    public bool TransfersActive { get; set; }
    public string[] CurrentlyDue { get; set; } = [];
    public DateTimeOffset StatusAt { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}
