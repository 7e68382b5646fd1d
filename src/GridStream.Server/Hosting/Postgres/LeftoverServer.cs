namespace GridStream.Server.Hosting.Postgres;

/// <summary>
/// Reads <c>postmaster.pid</c> after an unclean stop. Either the postgres it names is still running (its GridStream
/// crashed; it must be stopped before a new start) or it is gone (the file is stale and only blocks a start).
/// </summary>
internal static class LeftoverServer
{
    public enum State { None, Stale, StillRunning }

    public static State Inspect(string dataDirectory)
    {
        if (!File.Exists(PidFile(dataDirectory)))
        {
            return State.None;
        }

        return ReadPid(dataDirectory) is { } pid && IsPostgresServing(pid, dataDirectory) ? State.StillRunning : State.Stale;
    }

    /// <summary>The postmaster's pid from the first line of postmaster.pid, or null when there is none to read.</summary>
    public static int? ReadPid(string dataDirectory)
    {
        try
        {
            var firstLine = File.ReadLines(PidFile(dataDirectory)).FirstOrDefault();
            return int.TryParse(firstLine, out var pid) && pid > 0 ? pid : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static string PidFile(string dataDirectory) => Path.Combine(dataDirectory, "postmaster.pid");

    public static void RemoveStalePidFile(string dataDirectory) =>
        File.Delete(PidFile(dataDirectory));

    /// <summary>Waits until the process is gone; a zombie (empty command line) counts as gone.</summary>
    public static async Task WaitForExitAsync(int pid, TimeSpan timeout)
    {
        var cmdline = Path.Combine("/proc", pid.ToString(System.Globalization.CultureInfo.InvariantCulture), "cmdline");
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline && ReadCommandLine(cmdline).Length > 0)
        {
            await Task.Delay(20).ConfigureAwait(false);
        }
    }

    /// <summary>The pid may have been reused by an unrelated process since; only a postgres on this data folder counts.</summary>
    private static bool IsPostgresServing(int pid, string dataDirectory)
    {
        var cmdline = Path.Combine("/proc", pid.ToString(System.Globalization.CultureInfo.InvariantCulture), "cmdline");
        var arguments = ReadCommandLine(cmdline);
        return arguments.Length > 0
            && Path.GetFileName(arguments[0]) == "postgres"
            && arguments.Contains(dataDirectory);
    }

    private static string[] ReadCommandLine(string cmdlineFile)
    {
        try
        {
            return File.ReadAllText(cmdlineFile).Split('\0', StringSplitOptions.RemoveEmptyEntries);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }
}
