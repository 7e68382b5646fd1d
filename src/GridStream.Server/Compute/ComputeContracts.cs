using System.Text.Json;
using System.Text.Json.Serialization;
using GridStream.Domain.Compute;
using GridStream.Server.Data;

namespace GridStream.Server.Compute;

/// <summary>
/// A job as a customer submits it: its own code or the name of a sample job from jobs/, the inputs (one per work unit),
/// the replication policy and the price per validated unit in cents. A sample supplies whatever is left out.
/// </summary>
public sealed record JobSubmission(
    string? Name, string? Code, string? Sample, JsonElement? Inputs, ReplicationPolicy? Policy, long? PriceCentsPerUnit);

/// <summary>A job in a customer's list.</summary>
public sealed record JobSummary(
    Guid Id, string Name, [property: JsonConverter(typeof(JsonStringEnumConverter<ComputeJobState>))] ComputeJobState State,
    int Units, long Accepted, long Failed, DateTimeOffset CreatedAt, DateTimeOffset? FinishedAt);

public sealed record JobPage(IReadOnlyList<JobSummary> Jobs, int Page, int PageSize, int Total);

/// <summary>Units per state: waiting for a peer, running on one, accepted, failed, or cancelled before they ran.</summary>
public sealed record UnitCounts(long Waiting, long InProgress, long Accepted, long Failed, long Cancelled);

/// <summary>Everything about one job: policy, units per state, progress, rate, time left and what it has cost so far.</summary>
/// <param name="UnitsPerSecond">Units finished (accepted or failed) per second over the last minute.</param>
/// <param name="EstimatedSecondsLeft">At the current rate; null while nothing is finishing.</param>
public sealed record JobDetails(
    Guid Id, string Name, string? Sample,
    [property: JsonConverter(typeof(JsonStringEnumConverter<ComputeJobState>))] ComputeJobState State,
    ReplicationPolicy Policy, long PriceCentsPerUnit, int Units, UnitCounts Counts, int PercentDone, double UnitsPerSecond,
    long? EstimatedSecondsLeft, long CostCents, DateTimeOffset CreatedAt, DateTimeOffset? CancelledAt, DateTimeOffset? FinishedAt);
