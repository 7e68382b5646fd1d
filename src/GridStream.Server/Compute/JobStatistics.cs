using Npgsql;

namespace GridStream.Server.Compute;

/// <summary>Counts a job's units per state from the units themselves (there are no counters to drift).</summary>
internal sealed class JobStatistics(NpgsqlDataSource dataSource, TimeProvider clock)
{
    public async Task<(UnitCounts Counts, long FinishedInWindow)> ForJobAsync(Guid jobId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            """
            SELECT
                count(*) FILTER (WHERE "State" = 'Open'),
                count(*) FILTER (WHERE "State" = 'Accepted'),
                count(*) FILTER (WHERE "State" = 'Failed'),
                count(*) FILTER (WHERE "State" = 'Cancelled'),
                count(*) FILTER (WHERE "DecidedAt" >= @since AND "State" IN ('Accepted', 'Failed')),
                (SELECT count(DISTINCT "UnitId") FROM replicas WHERE "JobId" = @job AND "State" = 'InFlight' AND NOT "IsSpotCheck")
            FROM work_units WHERE "JobId" = @job
            """);
        command.Parameters.AddWithValue("job", jobId);
        command.Parameters.AddWithValue("since", clock.GetUtcNow() - JobView.RateWindow);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        var open = reader.GetInt64(0);
        var inProgress = Math.Min(open, reader.GetInt64(5));
        var counts = new UnitCounts(open - inProgress, inProgress, reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3));
        return (counts, reader.GetInt64(4));
    }

    /// <summary>Accepted and failed units of each of the given jobs, for a list page.</summary>
    public async Task<Dictionary<Guid, (long Accepted, long Failed)>> DoneByJobAsync(IReadOnlyList<Guid> jobIds, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            """
            SELECT "JobId", count(*) FILTER (WHERE "State" = 'Accepted'), count(*) FILTER (WHERE "State" = 'Failed')
            FROM work_units WHERE "JobId" = ANY(@jobs) AND "State" IN ('Accepted', 'Failed') GROUP BY "JobId"
            """);
        command.Parameters.AddWithValue("jobs", jobIds.ToArray());
        var done = new Dictionary<Guid, (long, long)>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            done[reader.GetGuid(0)] = (reader.GetInt64(1), reader.GetInt64(2));
        }

        return done;
    }
}
