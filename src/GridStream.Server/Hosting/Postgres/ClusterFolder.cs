using System.Security.Cryptography;

namespace GridStream.Server.Hosting.Postgres;

/// <summary>
/// The folder the embedded cluster lives in: <c>data/</c> (PGDATA), <c>postgres.log</c>, the superuser's password,
/// and a lock file held while a GridStream process owns the cluster.
/// </summary>
internal sealed class ClusterFolder : IDisposable
{
    private FileStream? _lock;

    private ClusterFolder(string root) => Root = root;

    public string Root { get; }
    public string Data => Path.Combine(Root, "data");
    public string LogFile => Path.Combine(Root, "postgres.log");
    public string PasswordFile => Path.Combine(Root, "superuser-password");
    private string LockFile => Path.Combine(Root, "gridstream.lock");
    public bool IsInitialized => File.Exists(Path.Combine(Data, "PG_VERSION"));

    /// <summary>
    /// Creates the folder and takes its lock. The lock is an OS file lock, so a crashed GridStream releases it,
    /// which is how a later start tells an orphaned postgres from one that another GridStream is using.
    /// </summary>
    public static ClusterFolder Open(string configuredPath, CommandRunner runner)
    {
        var root = Path.GetFullPath(configuredPath);
        Directory.CreateDirectory(root);
        runner.GiveToServiceUser(root);
        if (!runner.ServiceUserCanWrite(root))
        {
            // Happens when the working directory is under /root: the postgres user can't pass through it.
            var fallback = Path.Combine("/var/tmp/gridstream", ShortHash(root));
            Directory.CreateDirectory(fallback);
            runner.GiveToServiceUser(fallback);
            Console.Error.WriteLine(
                $"GridStream: the '{CommandRunner.ServiceUser}' user can't reach {root}; keeping the embedded PostgreSQL in {fallback} instead.");
            root = fallback;
        }

        var folder = new ClusterFolder(root);
        folder.TakeLock();
        return folder;
    }

    public string ReadOrCreatePassword(CommandRunner runner)
    {
        if (File.Exists(PasswordFile))
        {
            return File.ReadAllText(PasswordFile).Trim();
        }

        var password = Convert.ToHexString(RandomNumberGenerator.GetBytes(24));
        File.WriteAllText(PasswordFile, password);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(PasswordFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        runner.GiveToServiceUser(PasswordFile);
        return password;
    }

    public string LogTail(int lines = 15)
    {
        if (!File.Exists(LogFile))
        {
            return "(no log)";
        }

        using var reader = new StreamReader(new FileStream(LogFile, FileMode.Open, FileAccess.Read, FileShare.ReadWrite));
        var all = reader.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        return string.Join('\n', all.TakeLast(lines));
    }

    public void Dispose()
    {
        _lock?.Dispose();
        _lock = null;
    }

    private void TakeLock()
    {
        try
        {
            _lock = new FileStream(LockFile, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException)
        {
            throw new EmbeddedPostgresException(
                $"Another GridStream process is using the embedded PostgreSQL in {Root}; stop it, or set GRIDSTREAM_PG_DATA to another folder.");
        }
    }

    private static string ShortHash(string path) =>
        Convert.ToHexString(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(path)))[..12].ToLowerInvariant();
}
