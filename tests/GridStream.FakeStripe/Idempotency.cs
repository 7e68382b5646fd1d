namespace GridStream.Testing;

/// <summary>
/// Stripe's idempotency for POSTs: the first result of a key is kept for 24 hours and replayed for the same
/// parameters; the same key with other parameters (or another endpoint) is refused. Used under the state's gate.
/// </summary>
internal sealed class Idempotency
{
    public static readonly TimeSpan Retention = TimeSpan.FromHours(24);

    private readonly Dictionary<string, StoredResult> _results = new(StringComparer.Ordinal);

    public sealed record StoredResult(string Fingerprint, string Endpoint, int Status, string Body, string RequestId,
        DateTimeOffset StoredAt);

    public static string Fingerprint(string method, string path, FormBody form) =>
        method + " " + path + "?" + string.Join("&", form.All
            .OrderBy(kv => kv.Key, StringComparer.Ordinal)
            .Select(kv => Uri.EscapeDataString(kv.Key) + "=" + Uri.EscapeDataString(kv.Value)));

    /// <summary>The stored result to replay, or null when the key is new (or expired).</summary>
    public StoredResult? Find(string key, string method, string path, string fingerprint, DateTimeOffset now)
    {
        if (!_results.TryGetValue(key, out var stored))
        {
            return null;
        }

        if (now - stored.StoredAt >= Retention)
        {
            _results.Remove(key);
            return null;
        }

        if (stored.Endpoint != method + " " + path)
        {
            throw new StripeApiError(400, "idempotency_error",
                $"Keys for idempotent requests can only be used for the same endpoint they were first used for ('{stored.Endpoint}'). Try using a key other than '{key}' if you meant to execute a different request.");
        }

        if (stored.Fingerprint != fingerprint)
        {
            throw new StripeApiError(400, "idempotency_error",
                $"Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '{key}' if you meant to execute a different request.");
        }

        return stored;
    }

    public void Store(string key, string method, string path, string fingerprint, int status, string body,
        string requestId, DateTimeOffset now) =>
        _results[key] = new StoredResult(fingerprint, method + " " + path, status, body, requestId, now);
}
