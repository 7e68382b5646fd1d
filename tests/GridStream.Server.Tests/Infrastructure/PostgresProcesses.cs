using System.Diagnostics;
using System.Globalization;

namespace GridStream.Server.Tests.Infrastructure;

/// <summary>Looks at real processes through /proc, to prove nothing is left running.</summary>
internal static class PostgresProcesses
{
    /// <summary>Postmasters whose command line names this data folder.</summary>
    public static IReadOnlyList<int> Serving(string dataDirectory) =>
        Directory.EnumerateDirectories("/proc")
            .Select(Path.GetFileName)
            .Where(name => int.TryParse(name, out _))
            .Select(name => int.Parse(name!, CultureInfo.InvariantCulture))
            .Where(pid => CommandLine(pid) is { } args && Path.GetFileName(args[0]) == "postgres" && args.Contains(dataDirectory))
            .ToList();

    public static bool IsRunning(int pid) => File.Exists($"/proc/{pid}/cmdline") && CommandLine(pid) is { Length: > 0 };

    public static void Kill(int pid) => Process.GetProcessById(pid).Kill();

    public static async Task WaitUntilGoneAsync(string dataDirectory)
    {
        for (var i = 0; i < 100 && Serving(dataDirectory).Count > 0; i++)
        {
            await Task.Delay(100);
        }

        Assert.Empty(Serving(dataDirectory));
    }

    private static string[]? CommandLine(int pid)
    {
        try
        {
            var args = File.ReadAllText($"/proc/{pid}/cmdline").Split('\0', StringSplitOptions.RemoveEmptyEntries);
            return args.Length == 0 ? null : args;
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }
}
