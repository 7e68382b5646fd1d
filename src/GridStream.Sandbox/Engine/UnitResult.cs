namespace GridStream.Sandbox.Engine;

/// <summary>What one unit produced inside the worker; <see cref="Retire"/> when the worker should not be reused.</summary>
internal sealed record UnitResult(string? OutputJson, string? Error, bool Retire = false)
{
    public static UnitResult Output(string json) => new(json, null);

    public static UnitResult Failed(string error, bool retire = false) => new(null, error, retire);
}
