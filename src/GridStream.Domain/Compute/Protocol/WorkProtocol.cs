namespace GridStream.Domain.Compute.Protocol;

/// <summary>
/// The compute half of the peer hub (DESIGN §4: RequestWork, SubmitResult, WorkAvailable), shared by the server,
/// the headless agent and (in TypeScript) the browser. Times are milliseconds, all integers.
/// </summary>
public static class WorkHubMethods
{
    // Client → server
    public const string SetCompute = nameof(SetCompute);
    public const string RequestWork = nameof(RequestWork);
    public const string SubmitResults = nameof(SubmitResults);

    // Server → client
    public const string WorkAvailable = nameof(WorkAvailable);
}

/// <summary>Switches compute on or off for this connection; leases go only to peers that have it on.</summary>
public sealed record ComputeSwitch(bool Enabled);

/// <summary>Asks for up to <paramref name="Slots"/> leases.</summary>
public sealed record WorkRequest(int Slots);

/// <summary>
/// Leases, and the code of each job they belong to (once per job in the batch). Empty when there is no work the peer
/// may take; <paramref name="RetryAfterMs"/> says when asking again is worth it (a WorkAvailable push may come sooner).
/// </summary>
public sealed record WorkBatch(IReadOnlyList<JobCode> Jobs, IReadOnlyList<WorkLease> Leases, int RetryAfterMs);

public sealed record JobCode(Guid JobId, string Code, string CodeSha256, int CpuMillisPerUnit, int MemoryMegabytesPerUnit);

/// <param name="LeaseId">Identifies this replica; results name it.</param>
/// <param name="InputJson">The unit's input as JSON text, passed to run(input) after parsing.</param>
public sealed record WorkLease(long LeaseId, Guid JobId, int UnitIndex, string InputJson, DateTimeOffset Deadline);

/// <summary>One unit's outcome: either <paramref name="OutputJson"/> (what run returned) or <paramref name="Error"/>.</summary>
public sealed record WorkResult(long LeaseId, string? OutputJson, string? Error, int CpuMillis);

/// <summary>What the server made of a batch of results: how many it took, and why it refused the others.</summary>
public sealed record ResultsReceipt(int Recorded, IReadOnlyList<RefusedResult> Refused);

public sealed record RefusedResult(long LeaseId, string Reason);
