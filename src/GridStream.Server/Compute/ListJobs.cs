using System.Security.Claims;
using GridStream.Server.Accounts;
using GridStream.Server.Data;
using GridStream.Server.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace GridStream.Server.Compute;

internal static class ListJobs
{
    public const int DefaultPageSize = 20;
    public const int MaxPageSize = 100;

    /// <summary>The caller's jobs, newest first, a page at a time.</summary>
    public static async Task<Results<Ok<JobPage>, ValidationProblem>> HandleAsync(
        int? page, int? pageSize, ClaimsPrincipal user, GridStreamDbContext db, JobStatistics statistics, CancellationToken cancellationToken)
    {
        var (paging, pagingProblem) = PageQuery.Read(page, pageSize, DefaultPageSize, MaxPageSize);
        if (pagingProblem is not null)
        {
            return pagingProblem;
        }

        var customer = user.UserId();
        var mine = db.ComputeJobs.AsNoTracking().Where(j => j.CustomerId == customer);
        var total = await mine.CountAsync(cancellationToken).ConfigureAwait(false);
        var jobs = await mine.OrderByDescending(j => j.CreatedAt).ThenBy(j => j.Id)
            .Skip(paging.Skip).Take(paging.Size).ToListAsync(cancellationToken).ConfigureAwait(false);
        var done = await statistics.DoneByJobAsync([.. jobs.Select(j => j.Id)], cancellationToken).ConfigureAwait(false);
        var summaries = jobs.Select(job =>
        {
            var (accepted, failed) = done.GetValueOrDefault(job.Id);
            return new JobSummary(job.Id, job.Name, job.State, job.UnitCount, accepted, failed, job.CreatedAt, job.FinishedAt);
        }).ToList();
        return TypedResults.Ok(new JobPage(summaries, paging.Number, paging.Size, total));
    }
}
