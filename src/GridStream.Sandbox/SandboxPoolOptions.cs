namespace GridStream.Sandbox;

/// <summary>
/// How the pool bounds units beyond their own limits. A unit's wall-clock budget is
/// <c>CpuTime × WallClockFactor + WallClockSlack</c> (a loaded machine gives a process less than one core; start-up
/// and GC need a moment), and the parent kills a worker that has not answered <see cref="KillGrace"/> after that.
/// </summary>
public sealed record SandboxPoolOptions
{
    public int WallClockFactor { get; init; } = 3;

    public TimeSpan WallClockSlack { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Time after the wall-clock budget before the parent kills a worker stuck in a native call.</summary>
    public TimeSpan KillGrace { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>How long a new worker may take to start (the .NET runtime, JIT, Jint) on a busy machine.</summary>
    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>A worker retires after this many units, so nothing that slowly accumulates in one process lasts.</summary>
    public int MaxUnitsPerWorker { get; init; } = 10_000;

    /// <summary>A unit's input JSON beyond this is refused without starting anything.</summary>
    public int MaxInputBytes { get; init; } = 16 * 1024 * 1024;

    /// <summary>The dotnet host that starts workers; null finds the one running this process.</summary>
    public string? DotnetHostPath { get; init; }

    public TimeSpan WallClockBudget(TimeSpan cpuTime) => cpuTime * WallClockFactor + WallClockSlack;
}
