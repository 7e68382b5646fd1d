using Hangfire;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace GridStream.Server.Operations;

/// <summary>Healthy when Hangfire's storage answers and at least one job server has sent a heartbeat recently.</summary>
internal sealed class HangfireHealthCheck(JobStorage storage, TimeProvider clock) : IHealthCheck
{
    private static readonly TimeSpan HeartbeatTolerance = TimeSpan.FromMinutes(1);

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var servers = storage.GetMonitoringApi().Servers();
            var now = clock.GetUtcNow().UtcDateTime;
            var alive = servers.Count(server => server.Heartbeat is { } beat && now - beat < HeartbeatTolerance);
            return Task.FromResult(alive > 0
                ? HealthCheckResult.Healthy($"{alive} Hangfire server(s) alive.")
                : HealthCheckResult.Unhealthy("No Hangfire server has sent a heartbeat in the last minute."));
        }
        catch (Exception e) when (e is Npgsql.NpgsqlException or InvalidOperationException)
        {
            return Task.FromResult(HealthCheckResult.Unhealthy("Hangfire's storage does not answer.", e));
        }
    }
}
