namespace GridStream.Sandbox;

/// <summary>One work unit: the job's code (defining <c>run(input)</c>), the unit's input as JSON text, its limits.</summary>
public sealed record TaskRun(string Code, string InputJson, SandboxLimits Limits);
