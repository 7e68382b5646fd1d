using Npgsql;

namespace GridStream.Server.Compute;

/// <summary>
/// A job is finished when none of its units is open any more: completed if it ran to the end, else cancelled.
/// </summary>
/// <remarks>
/// The question is asked only after the units' decisions are committed. Asked inside the deciding transaction, two
/// reviews that decide a job's last units at the same moment each still see the other's unit open (neither has
/// committed) and neither finishes the job, which then stays running for good; the broker benchmark hit this. After
/// the commit, the last review to commit sees every decision. The control plane's sweep asks again for every
/// unfinished job, for a server that stopped between a commit and its question.
/// </remarks>
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

    /// <summary>Call with a connection outside any transaction, after the decisions were committed.</summary>
    public static async Task<IReadOnlyList<Guid>> FinishDecidedJobsAsync(
        NpgsqlConnection connection, IReadOnlyCollection<Guid> jobIds, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (jobIds.Count == 0)
        {
            return [];
        }

        await using var command = new NpgsqlCommand(FinishIdleJobs, connection);
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
        return await FinishDecidedJobsAsync(connection, jobIds, now, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The sweep's safety net: every job not yet finished is asked again.</summary>
    public static async Task<IReadOnlyList<Guid>> FinishAnyIdleJobsAsync(NpgsqlDataSource dataSource, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var unfinished = new List<Guid>();
        await using (var find = new NpgsqlCommand("""SELECT "Id" FROM compute_jobs WHERE "FinishedAt" IS NULL""", connection))
        await using (var reader = await find.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                unfinished.Add(reader.GetGuid(0));
            }
        }

        return await FinishDecidedJobsAsync(connection, unfinished, now, cancellationToken).ConfigureAwait(false);
    }
}
