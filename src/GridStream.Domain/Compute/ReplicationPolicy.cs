namespace GridStream.Domain.Compute;

/// <summary>
/// A job's replication policy as the customer submits it (BOINC: min_quorum, max_total_results, max_error_results,
/// delay_bound, rsc_fpops_bound, rsc_memory_bound). JSON field names are the camelCase property names.
/// </summary>
/// <remarks>
/// <see cref="MaxErrors"/> follows BOINC's max_error_results: it is the number of failed replicas a unit tolerates,
/// so the unit fails at the first error beyond it (the default 3 fails a unit on its 4th error or timeout).
/// </remarks>
public sealed record ReplicationPolicy
{
    public const int MinQuorum = 1;
    public const int MaxQuorum = 10;

    /// <summary>A ceiling on replicas per unit: beyond 20 runs disagreement is the task's fault, not bad luck.</summary>
    public const int ReplicasCeiling = 20;

    public const int MinMaxErrors = 0;
    public const int MaxMaxErrors = 20;

    /// <summary>Below 5 s a viewer's device cannot even receive, start and report a unit over a slow link.</summary>
    public const int MinDeadlineSeconds = 5;

    public const int MaxDeadlineSeconds = 86_400;
    public const int MinCpuMillisPerUnit = 100;

    /// <summary>Ten minutes of CPU: viewers watch for minutes, and a unit they cannot finish is wasted work.</summary>
    public const int MaxCpuMillisPerUnit = 600_000;

    public const int MinMemoryMegabytesPerUnit = 16;

    /// <summary>Above 2 GB a unit would push a viewer's browser tab or phone into swapping the video out.</summary>
    public const int MaxMemoryMegabytesPerUnit = 2_048;

    /// <summary>Results that must agree before a unit is accepted.</summary>
    public int Quorum { get; init; } = 2;

    /// <summary>Replicas a unit may ever have, errored, timed-out and in-flight ones included.</summary>
    public int MaxTotalReplicas { get; init; } = 6;

    /// <summary>Errors and timeouts a unit tolerates; one more fails it.</summary>
    public int MaxErrors { get; init; } = 3;

    /// <summary>How long a replica's lease lasts before it counts as timed out and is issued again.</summary>
    public int DeadlineSeconds { get; init; } = 120;

    public int CpuMillisPerUnit { get; init; } = 10_000;
    public int MemoryMegabytesPerUnit { get; init; } = 256;

    public static ReplicationPolicy Default { get; } = new();

    /// <summary>Field name in camelCase → what is wrong with it; empty when the policy is valid.</summary>
    public IReadOnlyDictionary<string, string[]> Validate()
    {
        var errors = new Dictionary<string, string[]>();

        CheckRange(errors, "quorum", Quorum, MinQuorum, MaxQuorum, "results that must agree");

        // Judged against the quorum as far as it is itself valid, so one mistake doesn't produce two messages.
        var smallestTotal = Math.Clamp(Quorum, MinQuorum, MaxQuorum);
        CheckRange(errors, "maxTotalReplicas", MaxTotalReplicas, smallestTotal, ReplicasCeiling,
            "replicas in all (at least the quorum)");
        CheckRange(errors, "maxErrors", MaxErrors, MinMaxErrors, MaxMaxErrors, "errors a unit tolerates");
        CheckRange(errors, "deadlineSeconds", DeadlineSeconds, MinDeadlineSeconds, MaxDeadlineSeconds,
            "seconds a replica may take");
        CheckRange(errors, "cpuMillisPerUnit", CpuMillisPerUnit, MinCpuMillisPerUnit, MaxCpuMillisPerUnit,
            "milliseconds of CPU per unit");
        CheckRange(errors, "memoryMegabytesPerUnit", MemoryMegabytesPerUnit, MinMemoryMegabytesPerUnit,
            MaxMemoryMegabytesPerUnit, "megabytes of memory per unit");

        return errors;
    }

    private static void CheckRange(Dictionary<string, string[]> errors, string field, int value, int min, int max, string meaning)
    {
        if (value < min || value > max)
        {
            errors[field] = [$"{field} is the number of {meaning}: from {min} to {max}, not {value}."];
        }
    }
}
