using GridStream.Sandbox.Protocol;

namespace GridStream.Sandbox.Engine;

/// <summary>The limits of one unit as the worker applies them.</summary>
internal sealed record UnitBudget(TimeSpan CpuTime, TimeSpan WallClock, long MemoryBytes, int MaxOutputBytes)
{
    public static UnitBudget Of(WorkerRequest request) => new(
        TimeSpan.FromMilliseconds(request.CpuTimeMs), TimeSpan.FromMilliseconds(request.WallClockMs), request.MemoryBytes, request.MaxOutputBytes);
}
