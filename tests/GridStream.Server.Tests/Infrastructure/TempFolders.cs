namespace GridStream.Server.Tests.Infrastructure;

/// <summary>Folders under /tmp, which the unprivileged postgres user can always reach (a checkout under /root it can't).</summary>
internal static class TempFolders
{
    private static readonly string Root = Path.Combine(Path.GetTempPath(), "gridstream-tests");

    public static string New(string purpose) => Path.Combine(Root, $"{purpose}-{Guid.NewGuid():N}"[..24]);

    public static void Delete(string folder)
    {
        try
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A process still writing its last log line; the next run's sweep removes it.
        }
    }

    /// <summary>
    /// Removes what earlier runs left when their test process was killed: a folder nobody holds the launcher's lock
    /// on is dead, and so is any postgres still serving it. Only folders older than a run are touched.
    /// </summary>
    public static void SweepLeftovers()
    {
        if (!Directory.Exists(Root))
        {
            return;
        }

        foreach (var folder in Directory.GetDirectories(Root))
        {
            if (DateTime.UtcNow - Directory.GetLastWriteTimeUtc(folder) < TimeSpan.FromMinutes(20) || IsLocked(folder))
            {
                continue;
            }

            foreach (var pid in PostgresProcesses.Serving(Path.Combine(folder, "data")))
            {
                PostgresProcesses.Kill(pid);
            }

            Delete(folder);
        }
    }

    private static bool IsLocked(string folder)
    {
        try
        {
            using var probe = new FileStream(Path.Combine(folder, "gridstream.lock"), FileMode.Open, FileAccess.ReadWrite, FileShare.None);
            return false;
        }
        catch (FileNotFoundException)
        {
            return false;
        }
        catch (DirectoryNotFoundException)
        {
            return false;
        }
        catch (IOException)
        {
            return true;
        }
    }
}
