namespace GridStream.Testing;

/// <summary>A request as the fake received and answered it, for assertions.</summary>
public sealed record RecordedRequest(
    string Method,
    string Path,
    string Body,
    string? IdempotencyKey,
    string? StripeVersion,
    int Status,
    bool Replayed,
    FaultKind? Fault,
    DateTimeOffset At);
