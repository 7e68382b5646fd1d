namespace GridStream.Server.Hosting.Postgres;

/// <summary>A problem starting the embedded PostgreSQL that the person running GridStream can fix; its message says how.</summary>
public sealed class EmbeddedPostgresException(string message, Exception? inner = null) : Exception(message, inner);
