using System.Security.Claims;
using GridStream.Server.Accounts;
using GridStream.Server.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;

namespace GridStream.Server.Compute;

internal static class CancelJob
{
    /// <summary>
    /// Stops handing out the job's units. Units with replicas still running stay open: their results are still taken
    /// and billed if they validate; the others are cancelled now. Cancelling twice, or a finished job, changes nothing.
    /// </summary>
    public static async Task<Results<Ok<JobDetails>, NotFound>> HandleAsync(
        Guid id, ClaimsPrincipal user, NpgsqlDataSource dataSource, GridStreamDbContext db, JobStatistics statistics,
        TimeProvider clock, CancellationToken cancellationToken)
    {
        if (await GetJob.FindOwnAsync(db, id, user, cancellationToken).ConfigureAwait(false) is null)
        {
            return TypedResults.NotFound();
        }

        await using (var cancel = dataSource.CreateCommand(
            """
            WITH job AS (
                UPDATE compute_jobs SET "State" = 'Cancelled', "CancelledAt" = @now
                WHERE "Id" = @job AND "CustomerId" = @customer AND "State" = 'Running'
                RETURNING "Id")
            UPDATE work_units u
            SET "Wanted" = 0,
                "State" = CASE WHEN EXISTS (SELECT 1 FROM replicas r WHERE r."UnitId" = u."Id" AND r."State" = 'InFlight')
                    THEN 'Open' ELSE 'Cancelled' END,
                "DecidedAt" = CASE WHEN EXISTS (SELECT 1 FROM replicas r WHERE r."UnitId" = u."Id" AND r."State" = 'InFlight')
                    THEN NULL ELSE @now END
            FROM job WHERE u."JobId" = job."Id" AND u."State" = 'Open'
            """))
        {
            cancel.Parameters.AddWithValue("job", id);
            cancel.Parameters.AddWithValue("customer", user.UserId());
            cancel.Parameters.AddWithValue("now", clock.GetUtcNow());
            await cancel.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await JobCompletion.FinishIdleJobsAsync(dataSource, [id], clock.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        var job = (await GetJob.FindOwnAsync(db, id, user, cancellationToken).ConfigureAwait(false))!;
        var (counts, finished) = await statistics.ForJobAsync(id, cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(JobView.Details(job, counts, finished));
    }
}
