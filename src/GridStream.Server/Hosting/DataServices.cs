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

        builder.Services.AddSingleton(_ => NpgsqlDataSource.Create(connectionString));
        // Options built once: building them per context costs every hub call that gets a DbContext (profiled).
        builder.Services.AddDbContext<GridStreamDbContext>(
            (services, options) => options.UseNpgsql(services.GetRequiredService<NpgsqlDataSource>()),
            optionsLifetime: ServiceLifetime.Singleton);
    }
}
