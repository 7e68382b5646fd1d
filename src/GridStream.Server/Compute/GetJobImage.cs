using System.Security.Claims;
using System.Text.Json;
using GridStream.Domain.Compute.Samples;
using GridStream.Server.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;

namespace GridStream.Server.Compute;

internal static class GetJobImage
{
    /// <summary>Most tiles assembled into one image; far above the sample job's 48.</summary>
    private const int MaxTiles = 10_000;

    /// <summary>
    /// The accepted tiles of a Mandelbrot job assembled into one PNG (tiles still running are black), sized as the
    /// units' inputs say (imageWidth × imageHeight) or else to cover every tile. A job whose results are not
    /// Mandelbrot tiles is a 422 problem.
    /// </summary>
    public static async Task<IResult> HandleAsync(
        Guid id, ClaimsPrincipal user, GridStreamDbContext db, NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        if (await GetJob.FindOwnAsync(db, id, user, cancellationToken).ConfigureAwait(false) is null)
        {
            return TypedResults.NotFound();
        }

        var (declared, tiles) = await ReadAsync(dataSource, id, cancellationToken).ConfigureAwait(false);
        if (tiles is null)
        {
            return NotTiles("Its results are not Mandelbrot tiles ({\"x\",\"y\",\"width\",\"height\",\"maxIterations\",\"iterations\"}).");
        }

        var width = declared?.Width ?? tiles.Select(t => t.X + t.Width).DefaultIfEmpty(0).Max();
        var height = declared?.Height ?? tiles.Select(t => t.Y + t.Height).DefaultIfEmpty(0).Max();
        if (width is < 1 or > MandelbrotImage.MaxSide || height is < 1 or > MandelbrotImage.MaxSide)
        {
            return NotTiles($"The image would be {width}×{height}; it can be 1 to {MandelbrotImage.MaxSide} pixels a side.");
        }

        try
        {
            return TypedResults.File(MandelbrotImage.ToPng(width, height, tiles), "image/png", $"job-{id}.png");
        }
        catch (ArgumentException e)
        {
            return NotTiles($"A tile does not fit the image: {e.Message}");
        }
    }

    private static async Task<((int Width, int Height)? Declared, List<MandelbrotTile>? Tiles)> ReadAsync(
        NpgsqlDataSource dataSource, Guid jobId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            """
            SELECT "Index", "Input", "CanonicalOutput" FROM work_units
            WHERE "JobId" = @job AND ("State" = 'Accepted' OR "Index" = 0) ORDER BY "Index" LIMIT @limit
            """);
        command.Parameters.AddWithValue("job", jobId);
        command.Parameters.AddWithValue("limit", MaxTiles + 1);
        (int, int)? declared = null;
        var tiles = new List<MandelbrotTile>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            if (reader.GetInt32(0) == 0)
            {
                declared = DeclaredSize(reader.GetString(1));
            }

            if (!reader.IsDBNull(2))
            {
                try
                {
                    tiles.Add(MandelbrotTile.FromJson(reader.GetString(2)));
                }
                catch (FormatException)
                {
                    return (declared, null);
                }
            }
        }

        return (declared, tiles.Count > MaxTiles ? null : tiles);
    }

    private static (int, int)? DeclaredSize(string input)
    {
        try
        {
            using var document = JsonDocument.Parse(input);
            var root = document.RootElement;
            return root.ValueKind == JsonValueKind.Object
                && root.TryGetProperty("imageWidth", out var width) && width.TryGetInt32(out var w)
                && root.TryGetProperty("imageHeight", out var height) && height.TryGetInt32(out var h)
                ? (w, h)
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static ProblemHttpResult NotTiles(string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status422UnprocessableEntity, title: "No image for this job", detail: detail);
}
