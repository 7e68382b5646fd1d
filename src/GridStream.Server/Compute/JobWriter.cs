using System.Text.Json;
using GridStream.Domain.Compute.Submission;
using GridStream.Server.Data;
using Npgsql;
using NpgsqlTypes;

namespace GridStream.Server.Compute;

/// <summary>
/// Stores a new job and its units in one transaction, streaming the units in with COPY so a million-unit upload
/// never sits in memory. A bad input anywhere rolls the whole job back: a job is either all there or not at all.
/// </summary>
internal sealed class JobWriter(NpgsqlDataSource dataSource)
{
    private static readonly JsonDocumentOptions InputParsing = new() { MaxDepth = 64 };

    public async Task<int> CreateAsync(
        ComputeJob job, IAsyncEnumerable<JobInput> inputs, int maxUnits, int maxInputBytes, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await InsertJobAsync(connection, job, cancellationToken).ConfigureAwait(false);

        var count = 0;
        await using (var copy = await connection.BeginBinaryImportAsync(
            """COPY work_units ("JobId", "Index", "Input", "State", "Wanted", "Issued", "RequiredAgreement", "AgreedCount") FROM STDIN (FORMAT BINARY)""",
            cancellationToken).ConfigureAwait(false))
        {
            await foreach (var input in inputs.WithCancellation(cancellationToken).ConfigureAwait(false))
            {
                if (count == maxUnits)
                {
                    throw new JobInputException("inputs", JobSubmissionRules.CheckUnitCount(count + 1L, maxUnits)!);
                }

                Check(input, maxInputBytes);
                await copy.StartRowAsync(cancellationToken).ConfigureAwait(false);
                await copy.WriteAsync(job.Id, NpgsqlDbType.Uuid, cancellationToken).ConfigureAwait(false);
                await copy.WriteAsync(count, NpgsqlDbType.Integer, cancellationToken).ConfigureAwait(false);
                await copy.WriteAsync(input.Json, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
                await copy.WriteAsync(nameof(WorkUnitState.Open), NpgsqlDbType.Varchar, cancellationToken).ConfigureAwait(false);
                await copy.WriteAsync(job.Quorum, NpgsqlDbType.Integer, cancellationToken).ConfigureAwait(false);
                await copy.WriteAsync(0, NpgsqlDbType.Integer, cancellationToken).ConfigureAwait(false);
                await copy.WriteAsync(job.Quorum, NpgsqlDbType.Integer, cancellationToken).ConfigureAwait(false);
                await copy.WriteAsync(0, NpgsqlDbType.Integer, cancellationToken).ConfigureAwait(false);
                count++;
            }

            if (JobSubmissionRules.CheckUnitCount(count, maxUnits) is { } problem)
            {
                throw new JobInputException("inputs", problem);
            }

            await copy.CompleteAsync(cancellationToken).ConfigureAwait(false);
        }

        await using (var setCount = new NpgsqlCommand("""UPDATE compute_jobs SET "UnitCount" = @count WHERE "Id" = @id""", connection, transaction))
        {
            setCount.Parameters.AddWithValue("count", count);
            setCount.Parameters.AddWithValue("id", job.Id);
            await setCount.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        job.UnitCount = count;
        if (count >= FreshStatisticsFrom)
        {
            // Until autovacuum gets round to it, the planner believes the ready units are as few as before the upload
            // and walks (and sorts) all of them on every lease instead of stopping at the first ones it can take.
            await using var analyze = new NpgsqlCommand("ANALYZE work_units", connection);
            await analyze.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        return count;
    }

    /// <summary>Uploads of at least this many units refresh the planner's statistics of work_units at once.</summary>
    private const int FreshStatisticsFrom = 1_000;

    private static void Check(JobInput input, int maxInputBytes)
    {
        if (input.Json.Length > maxInputBytes)
        {
            throw new JobInputException(input.Field, $"{input.Where}: an input has at most {maxInputBytes:N0} bytes.");
        }

        if (!input.AlreadyParsed)
        {
            try
            {
                using var _ = JsonDocument.Parse(input.Json, InputParsing);
            }
            catch (JsonException e)
            {
                throw new JobInputException(input.Field, $"{input.Where}: not JSON ({e.Message})");
            }
        }
    }

    private static async Task InsertJobAsync(NpgsqlConnection connection, ComputeJob job, CancellationToken cancellationToken)
    {
        await using var insert = new NpgsqlCommand(
            """
            INSERT INTO compute_jobs ("Id", "CustomerId", "Name", "SampleName", "Code", "CodeSha256", "Quorum", "MaxTotalReplicas",
                "MaxErrors", "DeadlineSeconds", "CpuMillisPerUnit", "MemoryMegabytesPerUnit", "PriceCentsPerUnit", "UnitCount", "State", "CreatedAt")
            VALUES (@id, @customer, @name, @sample, @code, @codeSha256, @quorum, @maxTotal, @maxErrors, @deadline, @cpu, @memory, @price, 0, @state, @createdAt)
            """, connection);
        insert.Parameters.AddWithValue("id", job.Id);
        insert.Parameters.AddWithValue("customer", job.CustomerId);
        insert.Parameters.AddWithValue("name", job.Name);
        insert.Parameters.AddWithValue("sample", (object?)job.SampleName ?? DBNull.Value);
        insert.Parameters.AddWithValue("code", job.Code);
        insert.Parameters.AddWithValue("codeSha256", job.CodeSha256);
        insert.Parameters.AddWithValue("quorum", job.Quorum);
        insert.Parameters.AddWithValue("maxTotal", job.MaxTotalReplicas);
        insert.Parameters.AddWithValue("maxErrors", job.MaxErrors);
        insert.Parameters.AddWithValue("deadline", job.DeadlineSeconds);
        insert.Parameters.AddWithValue("cpu", job.CpuMillisPerUnit);
        insert.Parameters.AddWithValue("memory", job.MemoryMegabytesPerUnit);
        insert.Parameters.AddWithValue("price", job.PriceCentsPerUnit);
        insert.Parameters.AddWithValue("state", job.State.ToString());
        insert.Parameters.AddWithValue("createdAt", job.CreatedAt);
        await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}

/// <summary>One input on its way in; <paramref name="Where"/> names it in errors ("line 12", "inputs[3]").</summary>
internal sealed record JobInput(string Json, string Field, string Where, bool AlreadyParsed);

/// <summary>An input the job cannot take; the whole submission is refused and nothing is stored.</summary>
internal sealed class JobInputException(string field, string message) : Exception(message)
{
    public string Field { get; } = field;
}
