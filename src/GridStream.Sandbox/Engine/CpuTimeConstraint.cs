using Jint;

namespace GridStream.Sandbox.Engine;

/// <summary>
/// Stops a unit once the worker process has spent its CPU budget on it. Jint's own time limits measure wall-clock
/// time, which on a loaded machine fails honest units; CPU time is what the customer pays for. Like Jint's
/// OperationDeadlineConstraint it ignores the engine's per-entry reset, so the budget spans the whole unit.
/// </summary>
internal sealed class CpuTimeConstraint : Constraint
{
    private TimeSpan _startedAt;
    private TimeSpan _budget;
    private bool _armed;

    public bool Exceeded { get; private set; }

    // The process CPU clock only advances: checking every few hundred statements only delays detection a little.
    public override bool IsAmortizable => true;

    public void Begin(TimeSpan budget)
    {
        _startedAt = Environment.CpuUsage.TotalTime;
        _budget = budget;
        Exceeded = false;
        _armed = true;
    }

    public void End() => _armed = false;

    public override void Check()
    {
        if (_armed && Environment.CpuUsage.TotalTime - _startedAt > _budget)
        {
            Exceeded = true;
            throw new TimeoutException("The unit's CPU time budget is spent.");
        }
    }

    public override void Reset()
    {
        // Deliberately nothing: the budget belongs to the unit, not to one Execute or Invoke.
    }
}
