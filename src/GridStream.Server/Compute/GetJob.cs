using System.Security.Claims;
using GridStream.Server.Accounts;
using GridStream.Server.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace GridStream.Server.Compute;

internal static class GetJob
{
    /// <summary>One of the caller's jobs with its progress; another customer's job is simply not found.</summary>
    public static async Task<Results<Ok<JobDetails>, NotFound>> HandleAsync(
        Guid id, ClaimsPrincipal user, GridStreamDbContext db, JobStatistics statistics, CancellationToken cancellationToken)
    {
        var job = await FindOwnAsync(db, id, user, cancellationToken).ConfigureAwait(false);
        if (job is null)
        {
            return TypedResults.NotFound();
        }

        var (counts, finished) = await statistics.ForJobAsync(id, cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(JobView.Details(job, counts, finished));
    }

    public static Task<ComputeJob?> FindOwnAsync(GridStreamDbContext db, Guid id, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var customer = user.UserId();
        return db.ComputeJobs.AsNoTracking().SingleOrDefaultAsync(j => j.Id == id && j.CustomerId == customer, cancellationToken);
    }
}
