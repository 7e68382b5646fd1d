using Microsoft.Extensions.Options;

namespace GridStream.Server.Ledger;

/// <summary>The money flows' settings (section GridStream:Money), checked when the server starts.</summary>
public sealed class MoneyOptions
{
    public const string Section = "GridStream:Money";

    /// <summary>The platform's share of every license sale, in whole percent (0–100); the owner earns the rest.</summary>
    public int PlatformFeePercent { get; set; } = 20;

    /// <summary>Why the options cannot be used, or null when they can.</summary>
    public string? Problem() => PlatformFeePercent is < 0 or > 100
        ? $"{Section}:PlatformFeePercent must be a whole percentage from 0 to 100 (it is {PlatformFeePercent})."
        : null;
}

/// <summary>Stops the server at start with the reason when the money settings are wrong.</summary>
internal sealed class MoneyOptionsValidation : IValidateOptions<MoneyOptions>
{
    public ValidateOptionsResult Validate(string? name, MoneyOptions options) =>
        options.Problem() is { } problem
            ? ValidateOptionsResult.Fail(problem)
            : ValidateOptionsResult.Success;
}
