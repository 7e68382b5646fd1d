using GridStream.Domain.Accounts;
using Hangfire;
using Hangfire.AspNetCore;
using Hangfire.PostgreSql;
using Npgsql;

namespace GridStream.Server.Hosting;

/// <summary>Hangfire runs the control plane (periodic and deferred work), with its tables in the <c>hangfire</c> schema.</summary>
internal static class HangfireSetup
{
    public static void AddGridStreamHangfire(this WebApplicationBuilder builder)
    {
        var workerCount = builder.Configuration.GetValue("GridStream:Hangfire:WorkerCount", 4);

        // The storage is this host's own singleton rather than Hangfire's static JobStorage.Current, so two hosts in
        // one process (the tests, two nodes) can never pick up each other's storage.
        builder.Services.AddSingleton<JobStorage>(services => new PostgreSqlStorage(
            new DataSourceConnectionFactory(services.GetRequiredService<NpgsqlDataSource>()),
            new PostgreSqlStorageOptions
            {
                SchemaName = DatabaseMigration.HangfireSchema,
                // The schema is installed by DatabaseMigration under the start-up lock, so nodes don't race.
                PrepareSchemaIfNecessary = false,
                QueuePollInterval = TimeSpan.FromSeconds(5),
            }));
        builder.Services.AddHangfire((services, configuration) => configuration
            .UseLogProvider(new HangfireLogBridge(services.GetRequiredService<ILoggerFactory>()))
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings());
        // Hangfire's default activator is the process-wide JobActivator.Current, which the last host to start replaces:
        // with several hosts in one process (the tests) one host's jobs would run in another host's services. Each
        // host activates its jobs from its own container.
        builder.Services.AddSingleton<JobActivator>(services => new AspNetCoreJobActivator(services.GetRequiredService<IServiceScopeFactory>()));
        builder.Services.AddHangfireServer(server =>
        {
            server.WorkerCount = workerCount;
            server.ShutdownTimeout = TimeSpan.FromSeconds(10);
        });
    }

    public static void MapGridStreamHangfireDashboard(this WebApplication app) =>
        app.MapHangfireDashboardWithAuthorizationPolicy(Roles.Admin, "/hangfire", new DashboardOptions
        {
            Authorization = [],
            DashboardTitle = "GridStream jobs",
            AppPath = "/",
        });

    private sealed class DataSourceConnectionFactory(NpgsqlDataSource dataSource) : IConnectionFactory
    {
        public NpgsqlConnection GetOrCreateConnection() => dataSource.CreateConnection();
    }
}
