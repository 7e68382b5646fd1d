using System.Globalization;

namespace GridStream.Benchmarks.Offload;

/// <summary>The offload simulation's knobs, given as name=value arguments; the defaults are issue 3's scenario.</summary>
internal sealed record OffloadSettings(
    int Viewers = 1_000,
    int Minutes = 10,
    int WarmupMinutes = 2,
    int ChurnPercentPerMinute = 10,
    long BitrateKbps = 700,
    int MinGroupSize = 5,
    int MaxGroupSize = 10,
    int? TargetGroupSize = null,
    int Seed = 1)
{
    public static OffloadSettings Parse(IEnumerable<string> args)
    {
        var settings = new OffloadSettings();
        foreach (var arg in args)
        {
            var parts = arg.Split('=', 2);
            if (parts.Length != 2 || !long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value > int.MaxValue)
            {
                throw new FormatException($"expected name=number, got '{arg}'");
            }

            var number = (int)value;
            settings = parts[0] switch
            {
                "viewers" => settings with { Viewers = number },
                "minutes" => settings with { Minutes = number },
                "warmup" => settings with { WarmupMinutes = number },
                "churn" => settings with { ChurnPercentPerMinute = number },
                "bitrate" => settings with { BitrateKbps = number },
                "min" => settings with { MinGroupSize = number },
                "max" => settings with { MaxGroupSize = number },
                "target" => settings with { TargetGroupSize = number },
                "seed" => settings with { Seed = number },
                _ => throw new FormatException($"unknown setting '{parts[0]}' (viewers, minutes, warmup, churn, bitrate, min, max, target, seed)"),
            };
        }

        return settings.Viewers < 1 || settings.Minutes < 1 || settings.BitrateKbps < 1
            ? throw new FormatException("viewers, minutes and bitrate must be at least 1")
            : settings;
    }
}
