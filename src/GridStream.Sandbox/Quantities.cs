using System.Globalization;

namespace GridStream.Sandbox;

/// <summary>Sizes and durations as people read them in error messages ("256 MB", "2 s", "1.5 MB", "250 ms").</summary>
internal static class Quantities
{
    private const long Kilobyte = 1024;
    private const long Megabyte = 1024 * 1024;

    public static string Bytes(long bytes) => bytes switch
    {
        >= Megabyte => $"{Trimmed((decimal)bytes / Megabyte)} MB",
        >= Kilobyte => $"{Trimmed((decimal)bytes / Kilobyte)} KB",
        _ => $"{bytes.ToString(CultureInfo.InvariantCulture)} bytes",
    };

    public static string Duration(TimeSpan duration) => duration >= TimeSpan.FromSeconds(1)
        ? $"{Trimmed((decimal)duration.TotalMilliseconds / 1000m)} s"
        : $"{Math.Round(duration.TotalMilliseconds).ToString(CultureInfo.InvariantCulture)} ms";

    // One decimal at most, and none when it is zero: "5 MB", "5.2 MB".
    private static string Trimmed(decimal value) =>
        Math.Round(value, 1, MidpointRounding.AwayFromZero).ToString("0.#", CultureInfo.InvariantCulture);
}
