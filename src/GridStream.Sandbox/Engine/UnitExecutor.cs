using System.Runtime;
using System.Text;
using Acornima.Ast;
using GridStream.Sandbox.Protocol;
using Jint;
using Jint.Constraints;
using Jint.Native;
using Jint.Native.Function;
using Jint.Native.Json;
using Jint.Native.Object;
using Jint.Runtime;

namespace GridStream.Sandbox.Engine;

/// <summary>
/// Runs one unit inside the worker: a fresh engine (units never share state), the job's prepared script, the input
/// parsed as JSON inside the engine, <c>run(input)</c>, and the result serialized by the engine's own JSON.stringify.
/// One unit at a time, on the worker's thread.
/// </summary>
internal sealed class UnitExecutor(CancellationToken shutdown)
{
    private readonly PreparedScripts _scripts = new();

    public WorkerResponse Execute(WorkerRequest request)
    {
        var cpuBefore = Environment.CpuUsage.TotalTime;
        var result = Run(request);
        var cpuMilliseconds = (long)(Environment.CpuUsage.TotalTime - cpuBefore).TotalMilliseconds;
        CompactIfLarge();
        return new WorkerResponse(result.OutputJson is not null, result.OutputJson, result.Error, cpuMilliseconds, result.Retire);
    }

    private UnitResult Run(WorkerRequest request)
    {
        var budget = UnitBudget.Of(request);
        var prepared = _scripts.Get(request.Code);
        if (prepared.Script is not { } script)
        {
            return UnitResult.Failed(prepared.Check.Error ?? TaskCode.MissingRun);
        }

        var deadline = new OperationDeadlineConstraint();
        var cpu = new CpuTimeConstraint();
        var phase = "the code";
        try
        {
            var engine = HardenedEngine.Create(deadline, cpu, budget.WallClock, shutdown);
            deadline.Begin(budget.WallClock, shutdown);
            cpu.Begin(budget.CpuTime);
            // Taken before the task's code runs: the code may replace JSON.stringify, but not for us.
            var stringify = ((ObjectInstance)engine.GetValue("JSON")).Get("stringify");
            if (!TryParseInput(engine, request.InputJson, out var input, out var inputError))
            {
                return UnitResult.Failed(inputError);
            }

            engine.Execute(script);
            if (engine.GetValue(TaskCode.EntryPoint) is not Function run)
            {
                return UnitResult.Failed(TaskCode.MissingRun);
            }

            phase = "run";
            var result = engine.Call(run, input);
            phase = "JSON.stringify";
            return Serialize(engine, stringify, result, budget);
        }
        catch (Exception error)
        {
            try
            {
                return UnitFailures.Describe(error, budget, cpu.Exceeded, phase);
            }
            catch (Exception describing) when (describing is JintException or TimeoutException or OperationCanceledException)
            {
                return UnitResult.Failed($"{phase} threw an exception that could not be described");
            }
        }
        finally
        {
            deadline.End();
            cpu.End();
        }
    }

    private static bool TryParseInput(Jint.Engine engine, string json, out JsValue input, out string error)
    {
        try
        {
            input = new JsonParser(engine).Parse(json);
            error = "";
            return true;
        }
        catch (JavaScriptException invalid)
        {
            input = JsValue.Undefined;
            error = $"the input is not valid JSON ({UnitFailures.ErrorText(invalid.Error)})";
            return false;
        }
    }

    private static UnitResult Serialize(Jint.Engine engine, JsValue stringify, JsValue result, UnitBudget budget)
    {
        var notJson = NotJsonReason(result);
        if (notJson is not null)
        {
            return UnitResult.Failed($"run returned a value that is not JSON-serializable ({notJson})");
        }

        JsValue text;
        try
        {
            text = engine.Call(stringify, result);
        }
        catch (JavaScriptException error)
        {
            return UnitResult.Failed($"run returned a value that is not JSON-serializable ({UnitFailures.ErrorText(error.Error)})");
        }

        if (text is not JsString json)
        {
            return UnitResult.Failed("run returned a value that is not JSON-serializable (its toJSON gave nothing)");
        }

        var output = json.ToString();
        var bytes = Encoding.UTF8.GetByteCount(output);
        return bytes > budget.MaxOutputBytes
            ? UnitResult.Failed($"output of {Quantities.Bytes(bytes)} exceeds {Quantities.Bytes(budget.MaxOutputBytes)}")
            : UnitResult.Output(output);
    }

    private static string? NotJsonReason(JsValue result) =>
        result.IsUndefined() ? "undefined: return a value"
        : result.IsPromise() ? "a Promise: run must return its result directly"
        : result.IsCallable() ? "a function"
        : result.IsSymbol() ? "a symbol"
        : null;

    // Large arrays live on the large-object heap, which the GC does not compact by itself; under a hard heap cap a
    // fragmented one could fail the next unit's honest allocation.
    private static void CompactIfLarge()
    {
        var info = GC.GetGCMemoryInfo();
        if (info.HeapSizeBytes > info.TotalAvailableMemoryBytes / 4)
        {
            GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
            GC.Collect();
        }
    }
}
