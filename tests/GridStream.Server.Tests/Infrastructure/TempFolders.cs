namespace GridStream.Server.Tests.Infrastructure;

/// <summary>Folders under /tmp, which the unprivileged postgres user can always reach (a checkout under /root it can't).</summary>
internal static class TempFolders
{
    public static string New(string purpose) =>
        Path.Combine(Path.GetTempPath(), "gridstream-tests", $"{purpose}-{Guid.NewGuid():N}"[..24]);

    public static void Delete(string folder)
    {
        try
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
        catch (IOException)
        {
            // A process still writing its last log line; the OS cleans /tmp.
        }
    }
}
