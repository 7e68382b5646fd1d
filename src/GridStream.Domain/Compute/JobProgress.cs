namespace GridStream.Domain.Compute;

/// <summary>What a customer sees on GET /api/jobs/{id}.</summary>
public sealed record JobProgress(long Total, int PercentDone, double UnitsPerSecond, TimeSpan? EstimatedRemaining, long CostCents);
