using System.Text.Json;

namespace GridStream.Domain.Compute.Samples;

/// <summary>
/// One unit's result of the mandelbrot-tiles sample job: where the tile sits in the image and, row by row, each
/// pixel's escape iteration count (<see cref="MaxIterations"/> for points that never escaped).
/// </summary>
public sealed record MandelbrotTile(int X, int Y, int Width, int Height, int MaxIterations, byte[] Iterations)
{
    /// <summary>Reads the JSON a unit returned: <c>{"x","y","width","height","maxIterations","iterations": base64}</c>.</summary>
    public static MandelbrotTile FromJson(string outputJson)
    {
        ArgumentNullException.ThrowIfNull(outputJson);
        try
        {
            using var document = JsonDocument.Parse(outputJson);
            var root = document.RootElement;
            return new MandelbrotTile(
                root.GetProperty("x").GetInt32(),
                root.GetProperty("y").GetInt32(),
                root.GetProperty("width").GetInt32(),
                root.GetProperty("height").GetInt32(),
                root.GetProperty("maxIterations").GetInt32(),
                root.GetProperty("iterations").GetBytesFromBase64());
        }
        catch (Exception invalid) when (invalid is JsonException or KeyNotFoundException or FormatException or InvalidOperationException)
        {
            throw new FormatException($"Not a Mandelbrot tile: {invalid.Message}", invalid);
        }
    }
}
