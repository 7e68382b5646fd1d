using System.Buffers;
using System.Security.Claims;
using System.Text.Json;
using GridStream.Server.Data;
using Npgsql;

namespace GridStream.Server.Compute;

internal static class GetJobResults
{
    /// <summary>
    /// Streams the decided units of a job as NDJSON in unit order, straight from the database: accepted units as
    /// {"index", "output", "agreed"} (the canonical output and how many results agreed on it), failed units as
    /// {"index", "error"}. Undecided units are left out, so the stream can be read while the job still runs.
    /// </summary>
    public static async Task<IResult> HandleAsync(
        Guid id, ClaimsPrincipal user, GridStreamDbContext db, NpgsqlDataSource dataSource, HttpContext http, CancellationToken cancellationToken)
    {
        if (await GetJob.FindOwnAsync(db, id, user, cancellationToken).ConfigureAwait(false) is null)
        {
            return TypedResults.NotFound();
        }

        http.Response.ContentType = SubmitJob.NdjsonMediaType;
        await using var command = dataSource.CreateCommand(
            """
            SELECT "Index", "State", "CanonicalOutput", "AgreedCount", "FailureReason"
            FROM work_units WHERE "JobId" = @job AND "State" IN ('Accepted', 'Failed') ORDER BY "Index"
            """);
        command.Parameters.AddWithValue("job", id);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var body = http.Response.BodyWriter;
        await using var json = new Utf8JsonWriter(body);
        var lines = 0;
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            json.WriteStartObject();
            json.WriteNumber("index", reader.GetInt32(0));
            if (reader.GetString(1) == nameof(WorkUnitState.Accepted))
            {
                // Canonical JSON written by the broker itself, so it is copied as it is.
                json.WritePropertyName("output");
                json.WriteRawValue(reader.GetString(2), skipInputValidation: true);
                json.WriteNumber("agreed", reader.GetInt32(3));
            }
            else
            {
                json.WriteString("error", reader.IsDBNull(4) ? "failed" : reader.GetString(4));
            }

            json.WriteEndObject();
            json.Flush();
            json.Reset();
            body.Write("\n"u8);
            if (++lines % 256 == 0)
            {
                await body.FlushAsync(cancellationToken).ConfigureAwait(false);
            }
        }

        await body.FlushAsync(cancellationToken).ConfigureAwait(false);
        return TypedResults.Empty;
    }
}
