namespace GridStream.Sandbox;

/// <summary>
/// How a unit ended. Succeeded: <see cref="OutputJson"/> is the JSON text <c>run(input)</c> returned. Otherwise
/// <see cref="Error"/> says in words what happened (a limit, a syntax error, what the code threw).
/// </summary>
public sealed record TaskOutcome(bool Succeeded, string? OutputJson, string? Error, long CpuMilliseconds)
{
    public static TaskOutcome Success(string outputJson, long cpuMilliseconds) => new(true, outputJson, null, cpuMilliseconds);

    public static TaskOutcome Failure(string error, long cpuMilliseconds) => new(false, null, error, cpuMilliseconds);
}
