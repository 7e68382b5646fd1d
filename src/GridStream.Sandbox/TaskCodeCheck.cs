namespace GridStream.Sandbox;

/// <summary>The verdict on a job's code. <see cref="Line"/> and <see cref="Column"/> (both from 1) locate a syntax error.</summary>
public sealed record TaskCodeCheck(bool IsValid, string? Error, int? Line, int? Column)
{
    public static TaskCodeCheck Valid { get; } = new(true, null, null, null);

    public static TaskCodeCheck Invalid(string error, int? line = null, int? column = null) => new(false, error, line, column);
}
