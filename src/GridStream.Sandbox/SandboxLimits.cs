namespace GridStream.Sandbox;

/// <summary>
/// What one work unit may use. <see cref="CpuTime"/> is the CPU time of the worker process while it runs the unit
/// (wall-clock time is bounded too, more loosely, so a loaded machine does not fail honest units);
/// <see cref="MemoryBytes"/> is the worker's managed heap cap; <see cref="MaxOutputBytes"/> caps the UTF-8 JSON text
/// <c>run</c> returns.
/// </summary>
public sealed record SandboxLimits(TimeSpan CpuTime, long MemoryBytes, int MaxOutputBytes = 1024 * 1024)
{
    /// <summary>Below this the .NET runtime and Jint themselves do not fit in the worker's heap.</summary>
    public const long MinMemoryBytes = 32L * 1024 * 1024;

    public static SandboxLimits Default { get; } = new(TimeSpan.FromSeconds(10), 256L * 1024 * 1024);

    internal void Validate()
    {
        if (CpuTime <= TimeSpan.Zero || CpuTime > TimeSpan.FromHours(1))
        {
            throw new ArgumentOutOfRangeException(nameof(CpuTime), CpuTime, "The CPU time limit must be between 0 and 1 hour.");
        }

        if (MemoryBytes < MinMemoryBytes)
        {
            throw new ArgumentOutOfRangeException(nameof(MemoryBytes), MemoryBytes, $"The memory limit must be at least {Quantities.Bytes(MinMemoryBytes)}.");
        }

        if (MaxOutputBytes < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxOutputBytes), MaxOutputBytes, "The output limit must be positive.");
        }
    }
}
