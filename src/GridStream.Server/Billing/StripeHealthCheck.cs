using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace GridStream.Server.Billing;

/// <summary>
/// The "stripe" entry of /healthz. Offline mode is a choice, not a fault (Healthy); an unreachable Stripe is Degraded,
/// not Unhealthy: the server does its work without Stripe and the outbox catches up, so a load balancer should not
/// take the node out for it.
/// </summary>
internal sealed class StripeHealthCheck(StripeGateway gateway) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!gateway.IsConfigured)
        {
            return HealthCheckResult.Healthy("Stripe is not configured: offline mode, usage waits in the outbox.");
        }

        var problem = await gateway.ReachabilityProblemAsync(cancellationToken).ConfigureAwait(false);
        return problem is null
            ? HealthCheckResult.Healthy("Stripe is reachable.")
            : HealthCheckResult.Degraded($"Stripe is configured but not reachable; usage waits in the outbox. {problem}");
    }
}
