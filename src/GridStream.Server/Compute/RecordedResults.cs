namespace GridStream.Server.Compute;

/// <summary>
/// Results a review writes together with its verdicts: each for a replica of <paramref name="AccountId"/> that was in
/// flight when its unit was locked, and already applied to that replica in the state the review judges.
/// </summary>
internal sealed record RecordedResults(Guid AccountId, IReadOnlyList<IncomingResult> Results)
{
    public static RecordedResults None { get; } = new(Guid.Empty, []);
}

/// <summary>
/// A review's writes touched fewer replicas than it judged: something changed them without holding their unit's lock.
/// The transaction is rolled back and the review done again from fresh rows.
/// </summary>
internal sealed class StaleReviewException(string message) : Exception(message);
