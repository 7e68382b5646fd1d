using Npgsql;

namespace GridStream.Server.Compute;

/// <summary>A job is finished when none of its units is open any more: completed if it ran to the end, else cancelled.</summary>
internal static class JobCompletion
{
    private const string FinishIdleJobs =
        """
        UPDATE compute_jobs j
        SET "State" = CASE WHEN j."State" = 'Running' THEN 'Completed' ELSE j."State" END, "FinishedAt" = @now
        WHERE j."Id" = ANY(@jobs) AND j."FinishedAt" IS NULL
          AND NOT EXISTS (SELECT 1 FROM work_units u WHERE u."JobId" = j."Id" AND u."State" = 'Open')
        RETURNING j."Id"
        """;

    public static async Task<IReadOnlyList<Guid>> FinishIdleJobsAsync(
        NpgsqlConnection connection, NpgsqlTransaction? transaction, IReadOnlyCollection<Guid> jobIds, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        if (jobIds.Count == 0)
        {
            return [];
        }

        await using var command = new NpgsqlCommand(FinishIdleJobs, connection, transaction);
        command.Parameters.AddWithValue("jobs", jobIds.ToArray());
        command.Parameters.AddWithValue("now", now);
        var finished = new List<Guid>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            finished.Add(reader.GetGuid(0));
        }

        return finished;
    }

    public static async Task<IReadOnlyList<Guid>> FinishIdleJobsAsync(
        NpgsqlDataSource dataSource, IReadOnlyCollection<Guid> jobIds, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        return await FinishIdleJobsAsync(connection, null, jobIds, now, cancellationToken).ConfigureAwait(false);
    }
}
