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
        var pidFile = Path.Combine(dataDirectory, "postmaster.pid");
        if (!File.Exists(pidFile))
        {
            return State.None;
        }

        var firstLine = File.ReadLines(pidFile).FirstOrDefault();
        if (!int.TryParse(firstLine, out var pid) || pid <= 0)
        {
            return State.Stale;
        }

        return IsPostgresServing(pid, dataDirectory) ? State.StillRunning : State.Stale;
    }

    public static void RemoveStalePidFile(string dataDirectory) =>
        File.Delete(Path.Combine(dataDirectory, "postmaster.pid"));

    /// <summary>The pid may have been reused by an unrelated process since; only a postgres on this data folder counts.</summary>
    private static bool IsPostgresServing(int pid, string dataDirectory)
    {
        var cmdline = Path.Combine("/proc", pid.ToString(System.Globalization.CultureInfo.InvariantCulture), "cmdline");
        try
        {
            var arguments = File.ReadAllText(cmdline).Split('\0');
            return arguments.Length > 0
                && Path.GetFileName(arguments[0]) == "postgres"
                && arguments.Contains(dataDirectory);
        }
        catch (IOException)
        {
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
    }
}
