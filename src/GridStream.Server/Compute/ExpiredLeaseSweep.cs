namespace GridStream.Server.Compute;

/// <summary>
/// The control plane's sweep of expired leases (a Hangfire recurring job). Leasing sweeps too, so this matters when
/// no peer asks for work: units whose leases ran out are still reissued or failed, and idle peers told.
/// </summary>
public sealed class ExpiredLeaseSweep(IServiceProvider services)
{
    public const string RecurringJobId = "compute-expired-leases";

    public Task RunAsync(CancellationToken cancellationToken) =>
        services.GetRequiredService<ReapExpiredLeases>().SweepAsync(cancellationToken);
}
