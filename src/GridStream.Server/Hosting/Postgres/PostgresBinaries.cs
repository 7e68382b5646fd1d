namespace GridStream.Server.Hosting.Postgres;

/// <summary>Where the PostgreSQL server programs are: an explicit folder, else PATH, else Debian's versioned folders.</summary>
public sealed record PostgresBinaries(string Directory)
{
    private static readonly string[] Required = ["initdb", "pg_ctl", "postgres"];

    public const string InstallHint = "install it with: apt-get install -y postgresql (as root), or set GRIDSTREAM_PG_BIN to the folder holding initdb, pg_ctl and postgres";

    public string InitDb => Path.Combine(Directory, "initdb");
    public string PgCtl => Path.Combine(Directory, "pg_ctl");

    public static PostgresBinaries Locate(string? explicitDirectory)
    {
        if (!string.IsNullOrWhiteSpace(explicitDirectory))
        {
            return HasAll(explicitDirectory)
                ? new PostgresBinaries(explicitDirectory)
                : throw new EmbeddedPostgresException(
                    $"GRIDSTREAM_PG_BIN is '{explicitDirectory}', but initdb, pg_ctl and postgres are not all there; {InstallHint}.");
        }

        var found = Candidates().FirstOrDefault(HasAll);
        return found is not null
            ? new PostgresBinaries(found)
            : throw new EmbeddedPostgresException($"PostgreSQL server binaries were not found; {InstallHint}.");
    }

    private static IEnumerable<string> Candidates()
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        foreach (var directory in path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            yield return directory;
        }

        const string debianRoot = "/usr/lib/postgresql";
        if (!System.IO.Directory.Exists(debianRoot))
        {
            yield break;
        }

        var newestFirst = System.IO.Directory.GetDirectories(debianRoot)
            .Select(dir => (dir, version: int.TryParse(Path.GetFileName(dir), out var v) ? v : 0))
            .OrderByDescending(candidate => candidate.version);
        foreach (var (dir, _) in newestFirst)
        {
            yield return Path.Combine(dir, "bin");
        }
    }

    private static bool HasAll(string directory) => Required.All(name => File.Exists(Path.Combine(directory, name)));
}
