namespace GridStream.Testing;

public enum FaultKind
{
    /// <summary>429 before the request does anything, with Retry-After.</summary>
    TooManyRequests,

    /// <summary>500 before the request does anything.</summary>
    ServerError,

    /// <summary>The request is carried out (and its idempotent result kept), then the connection is cut.</summary>
    DropResponseAfterCommit,
}

internal sealed record Fault(FaultKind Kind, string PathPrefix, string? Method, int RetryAfterSeconds, bool? ShouldRetry)
{
    public int Remaining { get; set; }

    public bool Matches(string method, string path) =>
        Remaining > 0
        && path.StartsWith(PathPrefix, StringComparison.Ordinal)
        && (Method is null || string.Equals(Method, method, StringComparison.OrdinalIgnoreCase));
}

/// <summary>Faults armed by a test, each for the next N requests whose path starts with a prefix.</summary>
public sealed class FaultInjector
{
    private readonly Lock _gate = new();
    private readonly List<Fault> _faults = [];

    /// <summary>
    /// The next <paramref name="count"/> matching requests get 429 with Retry-After. Stripe.net retries a 429 only
    /// when the answer carries <c>Stripe-Should-Retry: true</c>; pass <paramref name="stripeShouldRetry"/> to send it.
    /// </summary>
    public void InjectTooManyRequests(string pathPrefix, int count = 1, int retryAfterSeconds = 1,
        bool? stripeShouldRetry = null, string? method = null) =>
        Add(new Fault(FaultKind.TooManyRequests, pathPrefix, method, retryAfterSeconds, stripeShouldRetry) { Remaining = count });

    /// <summary>The next <paramref name="count"/> matching requests get 500 (Stripe.net retries 5xx).</summary>
    public void InjectServerError(string pathPrefix, int count = 1, string? method = null) =>
        Add(new Fault(FaultKind.ServerError, pathPrefix, method, 0, null) { Remaining = count });

    /// <summary>
    /// The next <paramref name="count"/> matching requests are carried out, then their connection is aborted so the
    /// client never sees the answer. Defaults to POSTs, the requests that change something.
    /// </summary>
    public void DropResponseAfterCommit(string pathPrefix, int count = 1, string? method = "POST") =>
        Add(new Fault(FaultKind.DropResponseAfterCommit, pathPrefix, method, 0, null) { Remaining = count });

    /// <summary>Faults armed and not yet used.</summary>
    public int Pending
    {
        get
        {
            lock (_gate)
            {
                return _faults.Sum(f => f.Remaining);
            }
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            _faults.Clear();
        }
    }

    internal Fault? TakeBeforeExecution(string method, string path) =>
        Take(method, path, kind => kind is FaultKind.TooManyRequests or FaultKind.ServerError);

    internal Fault? TakeAfterCommit(string method, string path) =>
        Take(method, path, kind => kind is FaultKind.DropResponseAfterCommit);

    private void Add(Fault fault)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(fault.Remaining);
        ArgumentException.ThrowIfNullOrEmpty(fault.PathPrefix);
        lock (_gate)
        {
            _faults.Add(fault);
        }
    }

    private Fault? Take(string method, string path, Func<FaultKind, bool> kinds)
    {
        lock (_gate)
        {
            var fault = _faults.FirstOrDefault(f => kinds(f.Kind) && f.Matches(method, path));
            if (fault is not null)
            {
                fault.Remaining--;
            }

            return fault;
        }
    }
}
