namespace GridStream.Domain.Billing;

public enum MeterEventOutcome
{
    /// <summary>Stripe took the event (or replayed the answer to the same idempotency key).</summary>
    Accepted,

    /// <summary>Stripe already has an event with this identifier: an earlier try got through but its answer was lost.</summary>
    AlreadySent,

    /// <summary>Stripe is busy or failing (429, 5xx) or did not answer: try again later, unchanged.</summary>
    Retry,

    /// <summary>Stripe refuses this event for good (a 4xx other than the above); an admin must look at it.</summary>
    Rejected,
}

/// <summary>What Stripe's answer to one meter event means for its usage row.</summary>
public sealed record MeterEventAnswer(MeterEventOutcome Outcome, string? Reason = null, TimeSpan? RetryAfter = null)
{
    /// <param name="status">HTTP status, or null when no answer arrived (connection broken, timeout).</param>
    /// <param name="errorCode">Stripe's error code, when the answer is an error.</param>
    /// <param name="errorParam">Stripe's error param, when the answer is an error.</param>
    public static MeterEventAnswer Classify(int? status, string? errorCode = null, string? errorParam = null,
        string? message = null, TimeSpan? retryAfter = null) => status switch
    {
        null => new(MeterEventOutcome.Retry, message ?? "No answer from Stripe."),
        >= 200 and < 300 => new(MeterEventOutcome.Accepted),
        429 => new(MeterEventOutcome.Retry, "Rate limited by Stripe (429).", retryAfter),
        >= 500 => new(MeterEventOutcome.Retry, $"Stripe failed ({status}).", retryAfter),
        // 409 is Stripe's answer when the same idempotency key is still being processed by another request.
        409 when errorCode is null or "idempotency_key_in_use" or "lock_timeout" => new(MeterEventOutcome.Retry, $"Stripe is busy with this key ({status})."),
        400 when IsDuplicateIdentifier(errorCode, errorParam, message) => new(MeterEventOutcome.AlreadySent),
        _ => new(MeterEventOutcome.Rejected, $"{status} {errorCode}: {message}".Trim()),
    };

    private static bool IsDuplicateIdentifier(string? code, string? param, string? message) =>
        (code?.Contains("duplicate", StringComparison.OrdinalIgnoreCase) ?? false)
        || (param == "identifier" && (message?.Contains("already exists", StringComparison.OrdinalIgnoreCase) ?? false));
}
