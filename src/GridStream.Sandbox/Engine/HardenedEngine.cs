using Jint;
using Jint.Constraints;

namespace GridStream.Sandbox.Engine;

/// <summary>
/// A fresh Jint engine for one unit, with every limit Jint enforces itself switched on. What Jint cannot enforce
/// (a heap cap, a stuck native call) is left to the worker process and the parent's hard deadline.
/// </summary>
internal static class HardenedEngine
{
    /// <summary>How many nested calls of one function a unit may make (sample jobs need far fewer).</summary>
    public const int MaxRecursionDepth = 1000;

    /// <summary>Ten million elements: 80 MB of references before the values themselves; larger needs typed arrays.</summary>
    public const uint MaxArrayLength = 10_000_000;

    /// <summary>One regular expression match; long enough for honest text processing, short enough to stop ReDoS.</summary>
    public static readonly TimeSpan RegexTimeout = TimeSpan.FromMilliseconds(500);

    public static Jint.Engine Create(
        OperationDeadlineConstraint wallClockDeadline, CpuTimeConstraint cpuBudget, TimeSpan wallClockBudget, CancellationToken cancellation) =>
        new(options =>
        {
            options.Strict = true;
            options.DisableStringCompilation();
            options.AgentCanSuspend = false;
            options.Interop.Enabled = false;
            // Resets at every Execute/Invoke, so alone it would give each entry a fresh budget; the deadline and the
            // CPU budget below span the whole unit.
            options.TimeoutInterval(wallClockBudget);
            options.CancellationToken(cancellation);
            options.Constraint(wallClockDeadline);
            options.Constraint(cpuBudget);
            options.Constraints.StackOverflowGuard = true;
            options.LimitRecursion(MaxRecursionDepth);
            options.Constraints.MaxArraySize = MaxArrayLength;
            options.Constraints.RegexTimeout = RegexTimeout;
        });
}
