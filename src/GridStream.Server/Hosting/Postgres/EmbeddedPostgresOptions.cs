namespace GridStream.Server.Hosting.Postgres;

public sealed class EmbeddedPostgresOptions
{
    /// <summary>Folder that holds the cluster, its log, password and lock file. Relative paths start at the working directory.</summary>
    public string DataDirectory { get; set; } = Path.Combine(".gridstream", "pg");

    /// <summary>Folder with initdb, pg_ctl and postgres; searched for when not set.</summary>
    public string? BinDirectory { get; set; }

    public string Database { get; set; } = "gridstream";

    /// <summary>
    /// Off only for throw-away clusters (the tests): skips disk syncs, so a crash of the machine could lose the data.
    /// </summary>
    public bool Durable { get; set; } = true;

    public int MaxConnections { get; set; } = 200;

    public TimeSpan StartTimeout { get; set; } = TimeSpan.FromSeconds(60);
}
