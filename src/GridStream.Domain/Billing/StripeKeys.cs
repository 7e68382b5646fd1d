namespace GridStream.Domain.Billing;

/// <summary>
/// Identifiers and Idempotency-Keys sent to Stripe, derived from our own ids so that a retry, another node or a
/// restarted process sends exactly the same request, and Stripe makes one object of it.
/// </summary>
public static class StripeKeys
{
    /// <summary>The meter event identifier of a usage row: the usage id itself (one row per accepted unit).</summary>
    public static string UsageIdentifier(long usageId) => usageId.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public static string UsageIdempotencyKey(long usageId) => $"gridstream-usage-{usageId}";

    public static string CustomerIdempotencyKey(Guid userId) => $"gridstream-customer-{userId:N}";

    public static string SubscriptionIdempotencyKey(Guid userId) => $"gridstream-subscription-{userId:N}";
}
