using System.Text.Json.Serialization;

namespace GridStream.Sandbox.Protocol;

/// <summary>The worker's first frame: it is up, and the heap cap the runtime actually applied.</summary>
internal sealed record WorkerHello(int ProcessId, long HeapLimitBytes);

/// <summary>One unit for the worker. Budgets are in milliseconds; the memory limit is only for the message.</summary>
internal sealed record WorkerRequest(string Code, string InputJson, long CpuTimeMs, long WallClockMs, long MemoryBytes, int MaxOutputBytes);

/// <summary>The unit's outcome; <see cref="Retire"/> asks the parent not to give this worker another unit.</summary>
internal sealed record WorkerResponse(bool Succeeded, string? OutputJson, string? Error, long CpuMilliseconds, bool Retire);

[JsonSerializable(typeof(WorkerHello))]
[JsonSerializable(typeof(WorkerRequest))]
[JsonSerializable(typeof(WorkerResponse))]
internal sealed partial class WorkerJson : JsonSerializerContext;
