using GridStream.Server.Hosting.Postgres;

namespace GridStream.Server.Hosting;

/// <summary>Decides where the database is: the configured connection string, or an embedded PostgreSQL started here.</summary>
internal static class DatabaseStartup
{
    public const string ConnectionStringName = "GridStream";

    /// <summary>Starts an embedded PostgreSQL when no connection string is configured; disposing the result stops it.</summary>
    public static async Task<IAsyncDisposable> StartEmbeddedWhenUnconfiguredAsync(WebApplicationBuilder builder)
    {
        if (!string.IsNullOrWhiteSpace(builder.Configuration.GetConnectionString(ConnectionStringName)))
        {
            return NothingToStop.Instance;
        }

        var options = new EmbeddedPostgresOptions
        {
            BinDirectory = builder.Configuration["GRIDSTREAM_PG_BIN"],
            DataDirectory = builder.Configuration["GRIDSTREAM_PG_DATA"] ?? new EmbeddedPostgresOptions().DataDirectory,
        };
        var loggerFactory = LoggerFactory.Create(logging => logging.AddSimpleConsole(console => console.SingleLine = true));
        try
        {
            var server = await EmbeddedPostgres.StartAsync(options, loggerFactory.CreateLogger("GridStream.EmbeddedPostgres")).ConfigureAwait(false);
            builder.Configuration[$"ConnectionStrings:{ConnectionStringName}"] = server.ConnectionString(options.Database);
            return new RunningEmbeddedDatabase(server, loggerFactory);
        }
        catch
        {
            loggerFactory.Dispose();
            throw;
        }
    }

    private sealed class RunningEmbeddedDatabase(EmbeddedPostgres server, ILoggerFactory loggerFactory) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await server.DisposeAsync().ConfigureAwait(false);
            loggerFactory.Dispose();
        }
    }

    private sealed class NothingToStop : IAsyncDisposable
    {
        public static readonly NothingToStop Instance = new();

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
