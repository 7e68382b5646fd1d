using Npgsql;

namespace GridStream.Server.Compute;

/// <summary>
/// The control plane's sweep of expired leases (a Hangfire recurring job). Leasing sweeps too, so this matters when
/// no peer asks for work: units whose leases ran out are still reissued or failed, and idle peers told. It also
/// finishes any job whose units are all decided but that nobody marked finished (see <see cref="JobCompletion"/>).
/// </summary>
public sealed class ExpiredLeaseSweep(IServiceProvider services)
{
    public const string RecurringJobId = "compute-expired-leases";

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        await services.GetRequiredService<ReapExpiredLeases>().SweepAsync(cancellationToken).ConfigureAwait(false);
        await JobCompletion.FinishAnyIdleJobsAsync(
            services.GetRequiredService<NpgsqlDataSource>(), services.GetRequiredService<TimeProvider>().GetUtcNow(), cancellationToken)
            .ConfigureAwait(false);
    }
}
