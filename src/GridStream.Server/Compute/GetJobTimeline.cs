using System.Security.Claims;
using GridStream.Domain.Compute;
using GridStream.Server.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;

namespace GridStream.Server.Compute;

/// <summary>A job's progress over time (for the dashboard's charts): its units decided per interval, their rate and the cost so far.</summary>
public sealed record JobTimelineView(Guid JobId, DateTimeOffset Start, DateTimeOffset End, int IntervalSeconds, IReadOnlyList<TimelinePoint> Points);

internal static class GetJobTimeline
{
    public static async Task<Results<Ok<JobTimelineView>, NotFound>> HandleAsync(
        Guid id, ClaimsPrincipal user, GridStreamDbContext db, NpgsqlDataSource dataSource, TimeProvider clock, CancellationToken cancellationToken)
    {
        var job = await GetJob.FindOwnAsync(db, id, user, cancellationToken).ConfigureAwait(false);
        if (job is null)
        {
            return TypedResults.NotFound();
        }

        var end = job.FinishedAt ?? clock.GetUtcNow();
        var interval = JobTimeline.IntervalFor(job.CreatedAt, end);
        // One aggregate over the job's decided units (the index on JobId finds them); the buckets are filled in in Domain.
        await using var command = dataSource.CreateCommand(
            """
            SELECT greatest(0, floor(extract(epoch FROM "DecidedAt" - @start) / @seconds))::bigint AS bucket,
                   count(*) FILTER (WHERE "State" = 'Accepted'), count(*) FILTER (WHERE "State" = 'Failed')
            FROM work_units WHERE "JobId" = @job AND "State" IN ('Accepted', 'Failed') AND "DecidedAt" IS NOT NULL
            GROUP BY bucket
            """);
        command.Parameters.AddWithValue("job", id);
        command.Parameters.AddWithValue("start", job.CreatedAt);
        command.Parameters.AddWithValue("seconds", interval.TotalSeconds);
        var decided = new Dictionary<long, (long, long)>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                decided[reader.GetInt64(0)] = (reader.GetInt64(1), reader.GetInt64(2));
            }
        }

        var points = JobTimeline.Build(job.CreatedAt, end, decided, job.PriceCentsPerUnit);
        return TypedResults.Ok(new JobTimelineView(id, job.CreatedAt, end, (int)interval.TotalSeconds, points));
    }
}
