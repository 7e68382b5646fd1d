using System.Globalization;

namespace GridStream.Benchmarks;

/// <summary>
/// CPU time used by processes and their direct children, from /proc (Linux). On a machine that other work shares, a
/// rate in units per second says as much about the neighbours as about the code; CPU time per unit does not.
/// </summary>
internal static class ProcessCpu
{
    /// <summary>Linux reports process times in USER_HZ ticks, 100 a second on every mainstream architecture.</summary>
    private const double TicksPerSecond = 100;

    /// <summary>The time used so far by <paramref name="pid"/> and its children (e.g. a postmaster and its backends).</summary>
    public static TimeSpan OfTree(int pid)
    {
        var ticks = 0L;
        foreach (var folder in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(folder), NumberStyles.None, CultureInfo.InvariantCulture, out var candidate))
            {
                continue;
            }

            var stat = Read(candidate);
            if (stat is { } s && (candidate == pid || s.ParentPid == pid))
            {
                ticks += s.Ticks;
            }
        }

        return TimeSpan.FromSeconds(ticks / TicksPerSecond);
    }

    private static (int ParentPid, long Ticks)? Read(int pid)
    {
        string text;
        try
        {
            text = File.ReadAllText($"/proc/{pid}/stat");
        }
        catch (IOException)
        {
            return null; // The process ended meanwhile.
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }

        // The command name is in parentheses and may itself hold spaces: fields are counted after the last ')'.
        var fields = text[(text.LastIndexOf(')') + 2)..].Split(' ');
        return (int.Parse(fields[1], CultureInfo.InvariantCulture),
            long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture));
    }
}
