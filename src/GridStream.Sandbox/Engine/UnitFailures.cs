using System.Text.RegularExpressions;
using Jint.Native;
using Jint.Native.Object;
using Jint.Runtime;
using Jint.Runtime.Descriptors;

namespace GridStream.Sandbox.Engine;

/// <summary>Turns whatever stopped a unit into the sentence the customer reads.</summary>
internal static class UnitFailures
{
    private const int MaxMessageLength = 1000;

    /// <summary>
    /// Call while the unit's limits are still armed: reading an error's name and message never calls the script's
    /// getters, but a hostile error object would be bounded even if it did.
    /// </summary>
    public static UnitResult Describe(Exception error, UnitBudget budget, bool cpuBudgetSpent, string phase)
    {
        if (Find<OutOfMemoryException>(error) is not null)
        {
            // The heap may be fragmented or a finalizer half-run: a fresh process is the only safe next step.
            return UnitResult.Failed($"memory limit of {Quantities.Bytes(budget.MemoryBytes)} exceeded", retire: true);
        }

        return error switch
        {
            // Before TimeoutException, which it derives from.
            RegexMatchTimeoutException => RegexTooSlow(),
            TimeoutException when cpuBudgetSpent => UnitResult.Failed($"time limit of {Quantities.Duration(budget.CpuTime)} exceeded"),
            TimeoutException => UnitResult.Failed(
                $"time limit of {Quantities.Duration(budget.CpuTime)} exceeded: stopped after {Quantities.Duration(budget.WallClock)} of wall-clock time"),
            RecursionDepthOverflowException => UnitResult.Failed($"recursion too deep: more than {HardenedEngine.MaxRecursionDepth} nested calls of one function"),
            InsufficientExecutionStackException => UnitResult.Failed("recursion too deep: the call stack is full"),
            JavaScriptException script => Thrown(script, phase),
            OperationCanceledException => UnitResult.Failed("the unit was cancelled: the sandbox worker is shutting down"),
            Jint.JintException jint => UnitResult.Failed($"the sandbox stopped the unit: {Clip(jint.Message)}"),
            _ => UnitResult.Failed($"the sandbox failed on this unit ({error.GetType().Name}: {Clip(error.Message)})", retire: true),
        };
    }

    private static UnitResult RegexTooSlow() =>
        UnitResult.Failed($"a regular expression ran longer than {Quantities.Duration(HardenedEngine.RegexTimeout)} (catastrophic backtracking?)");

    private static UnitResult Thrown(JavaScriptException script, string phase)
    {
        if (Find<RegexMatchTimeoutException>(script) is not null)
        {
            return RegexTooSlow();
        }

        var text = ErrorText(script.Error);
        if (text.StartsWith("RangeError", StringComparison.Ordinal) && text.Contains("call stack", StringComparison.OrdinalIgnoreCase))
        {
            return UnitResult.Failed($"recursion too deep ({text})");
        }

        var start = script.Location.Start;
        var where = start.Line > 0 ? $" at line {start.Line}, column {start.Column + 1}" : "";
        return UnitResult.Failed($"{phase} threw {text}{where}");
    }

    /// <summary>"TypeError: x is not a function" for errors, the value itself for a thrown primitive.</summary>
    public static string ErrorText(JsValue error)
    {
        if (error is not ObjectInstance thrown)
        {
            return Clip(error.ToString());
        }

        var name = OwnOrInheritedString(thrown, "name") ?? "Error";
        var message = OwnOrInheritedString(thrown, "message");
        return Clip(string.IsNullOrEmpty(message) ? name : $"{name}: {message}");
    }

    private static string? OwnOrInheritedString(ObjectInstance value, string key)
    {
        for (var (current, depth) = (value, 0); current is not null && depth < 16; (current, depth) = (current.Prototype, depth + 1))
        {
            var property = current.GetOwnProperty(key);
            if (property != PropertyDescriptor.Undefined)
            {
                // Only plain data: an accessor would run the script's code.
                return property.IsDataDescriptor() && property.Value is JsString text ? text.ToString() : null;
            }
        }

        return null;
    }

    private static T? Find<T>(Exception? error) where T : Exception
    {
        for (var depth = 0; error is not null && depth < 16; error = error.InnerException, depth++)
        {
            if (error is T found)
            {
                return found;
            }
        }

        return null;
    }

    private static string Clip(string text) => text.Length <= MaxMessageLength ? text : string.Concat(text.AsSpan(0, MaxMessageLength), "…");
}
