using System.Text.Json.Nodes;

namespace GridStream.Agent.Demo;

/// <summary>
/// The job the demo's customer submits: the primes-in-range sample over [0, 10⁷) in 1,000 small units of 10,000
/// numbers (664,579 primes in all), two agreeing results per unit. Units are small so that progress shows within
/// seconds, and the price is set so that a computing viewer earns a premium license (one credit) in well under a
/// minute; the customer's bill is demo money, shown and relayed like any other.
/// </summary>
internal static class DemoJob
{
    public const string Sample = "primes-in-range";
    public const int Units = 1_000;
    public const int NumbersPerUnit = 10_000;
    public const long PriceCentsPerUnit = 10;

    public static JsonObject Create()
    {
        var inputs = new JsonArray();
        for (var unit = 0; unit < Units; unit++)
        {
            inputs.Add(new JsonObject { ["from"] = (long)unit * NumbersPerUnit, ["to"] = (long)(unit + 1) * NumbersPerUnit });
        }

        return new JsonObject
        {
            ["name"] = $"demo: primes below {(long)Units * NumbersPerUnit:N0}",
            ["sample"] = Sample,
            ["inputs"] = inputs,
            ["policy"] = new JsonObject { ["quorum"] = 2 },
            ["priceCentsPerUnit"] = PriceCentsPerUnit,
        };
    }
}
