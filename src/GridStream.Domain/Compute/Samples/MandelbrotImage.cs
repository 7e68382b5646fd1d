namespace GridStream.Domain.Compute.Samples;

/// <summary>
/// Assembles the tiles of a mandelbrot-tiles job into one PNG. Points in the set are black; escaping points shade
/// from deep blue through orange to pale yellow with how long they took to escape. Pixels no tile covers (a job not
/// yet complete) stay black.
/// </summary>
public static class MandelbrotImage
{
    public const int MaxSide = 16_384;

    public static byte[] ToPng(int width, int height, IEnumerable<MandelbrotTile> tiles)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(width, MaxSide);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(height, MaxSide);
        ArgumentNullException.ThrowIfNull(tiles);

        var rgb = new byte[width * height * 3];
        foreach (var tile in tiles)
        {
            CheckFits(tile, width, height);
            for (var row = 0; row < tile.Height; row++)
            {
                for (var column = 0; column < tile.Width; column++)
                {
                    var (red, green, blue) = Colour(tile.Iterations[row * tile.Width + column], tile.MaxIterations);
                    var at = (((tile.Y + row) * width) + tile.X + column) * 3;
                    rgb[at] = red;
                    rgb[at + 1] = green;
                    rgb[at + 2] = blue;
                }
            }
        }

        return Png.EncodeRgb(width, height, rgb);
    }

    /// <summary>The colour of a pixel that escaped after <paramref name="iterations"/> (black if it never did).</summary>
    public static (byte Red, byte Green, byte Blue) Colour(int iterations, int maxIterations)
    {
        if (iterations >= maxIterations)
        {
            return (0, 0, 0);
        }

        // A smooth polynomial palette over t in [0, 1): each channel peaks at a different escape time.
        var t = (double)iterations / maxIterations;
        var rest = 1 - t;
        return (Channel(9 * rest * t * t * t), Channel(15 * rest * rest * t * t), Channel(8.5 * rest * rest * rest * t));
    }

    private static byte Channel(double intensity) => (byte)Math.Clamp((int)(intensity * 255), 0, 255);

    private static void CheckFits(MandelbrotTile tile, int width, int height)
    {
        ArgumentNullException.ThrowIfNull(tile);
        if (tile.X < 0 || tile.Y < 0 || tile.Width < 1 || tile.Height < 1 || tile.X + tile.Width > width || tile.Y + tile.Height > height)
        {
            throw new ArgumentException($"The tile at ({tile.X}, {tile.Y}) of {tile.Width}×{tile.Height} does not fit a {width}×{height} image.", nameof(tile));
        }

        if (tile.Iterations is null || tile.Iterations.Length != tile.Width * tile.Height)
        {
            throw new ArgumentException($"The tile at ({tile.X}, {tile.Y}) has {tile.Iterations?.Length ?? 0} pixels, not {tile.Width * tile.Height}.", nameof(tile));
        }

        if (tile.MaxIterations is < 1 or > 255)
        {
            throw new ArgumentException($"The tile at ({tile.X}, {tile.Y}) has maxIterations {tile.MaxIterations}, outside 1–255.", nameof(tile));
        }
    }
}
