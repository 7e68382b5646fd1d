namespace GridStream.Domain.Compute.Submission;

/// <summary>What a customer may submit as a job, apart from the code (checked by the sandbox's parser) and the policy
/// (<see cref="ReplicationPolicy.Validate"/>): checks that need no database, each error filed under its request field.</summary>
public static class JobSubmissionRules
{
    public const int MaxNameLength = 200;

    /// <summary>Ten thousand dollars a unit: far above any sane price, low enough that a million units never overflow.</summary>
    public const long MaxPriceCentsPerUnit = 1_000_000;

    public static Dictionary<string, string[]> Check(string? name, long? priceCentsPerUnit)
    {
        var errors = new Dictionary<string, string[]>();

        if (string.IsNullOrWhiteSpace(name))
        {
            errors["name"] = ["A name is required."];
        }
        else if (name.Trim().Length > MaxNameLength)
        {
            errors["name"] = [$"A name has at most {MaxNameLength} characters."];
        }

        if (priceCentsPerUnit is null)
        {
            errors["priceCentsPerUnit"] = ["A price per validated unit in cents is required (0 for free work)."];
        }
        else if (priceCentsPerUnit < 0 || priceCentsPerUnit > MaxPriceCentsPerUnit)
        {
            errors["priceCentsPerUnit"] = [$"A price is between 0 and {MaxPriceCentsPerUnit} cents per unit."];
        }

        return errors;
    }

    /// <summary>Why a job cannot have this many units, or null when it can.</summary>
    public static string? CheckUnitCount(long unitCount, long maxUnits) => unitCount switch
    {
        0 => "A job needs at least one input: one per work unit.",
        _ when unitCount > maxUnits => $"A job has at most {maxUnits:N0} inputs.",
        _ => null,
    };
}
