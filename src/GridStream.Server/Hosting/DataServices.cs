using GridStream.Server.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace GridStream.Server.Hosting;

internal static class DataServices
{
    /// <summary>One connection pool for EF Core, Hangfire and health checks.</summary>
    public static void AddGridStreamData(this WebApplicationBuilder builder)
    {
        var connectionString = builder.Configuration.GetConnectionString(DatabaseStartup.ConnectionStringName)
            ?? throw new InvalidOperationException("No database connection string; DatabaseStartup sets one before services are added.");

        builder.Services.AddSingleton(_ => NpgsqlDataSource.Create(WithPreparedStatements(connectionString)));
        // Options built once: building them per context costs every hub call that gets a DbContext (profiled).
        builder.Services.AddDbContext<GridStreamDbContext>(
            (services, options) => options.UseNpgsql(services.GetRequiredService<NpgsqlDataSource>()),
            optionsLifetime: ServiceLifetime.Singleton);
    }

    /// <summary>
    /// Statements run again and again (leasing, reviewing results) are prepared on each connection after their second
    /// use, so PostgreSQL parses and plans them once rather than on every lease and every submission. A connection
    /// string that says otherwise wins.
    /// </summary>
    private static string WithPreparedStatements(string connectionString)
    {
        var settings = new NpgsqlConnectionStringBuilder(connectionString);
        if (!connectionString.Contains("Auto Prepare", StringComparison.OrdinalIgnoreCase))
        {
            settings.MaxAutoPrepare = 64;
            settings.AutoPrepareMinUsages = 2;
        }

        return settings.ConnectionString;
    }
}
