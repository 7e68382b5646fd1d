using GridStream.Domain.Compute.Samples;

namespace GridStream.Domain.Tests.Compute.Samples;

public sealed class MandelbrotImageTests
{
    [Fact]
    public void Crc32_matches_the_standard_check_value()
    {
        Assert.Equal(0xCBF43926u, Crc32.Compute("123456789"u8));
    }

    [Fact]
    public void Tiles_assemble_into_a_valid_png_with_each_pixel_coloured_by_its_iterations()
    {
        var tiles = new[]
        {
            Tile(0, 0, 3, 2, 10, 1),
            Tile(3, 0, 2, 2, 10, 7),
            Tile(0, 2, 5, 1, 10, 3),
        };

        var image = PngReader.Read(MandelbrotImage.ToPng(5, 3, tiles));

        Assert.Equal((5, 3, (byte)8, (byte)2), (image.Width, image.Height, image.BitDepth, image.ColourType));
        Assert.Equal(["IHDR", "IDAT", "IEND"], image.ChunkTypes);
        foreach (var tile in tiles)
        {
            for (var row = 0; row < tile.Height; row++)
            {
                for (var column = 0; column < tile.Width; column++)
                {
                    var expected = MandelbrotImage.Colour(tile.Iterations[row * tile.Width + column], tile.MaxIterations);
                    Assert.Equal(expected, image.Pixel(tile.X + column, tile.Y + row));
                }
            }
        }
    }

    [Fact]
    public void Points_in_the_set_are_black_and_escaping_points_are_not()
    {
        Assert.Equal(((byte)0, (byte)0, (byte)0), MandelbrotImage.Colour(200, 200));
        var escaped = Enumerable.Range(1, 199).Select(n => MandelbrotImage.Colour(n, 200)).ToList();
        Assert.All(escaped.Skip(10), colour => Assert.NotEqual(((byte)0, (byte)0, (byte)0), colour));
        Assert.True(escaped.Distinct().Count() > 100, "the palette should shade smoothly");
    }

    [Fact]
    public void Pixels_no_tile_covers_stay_black()
    {
        var tile = Tile(0, 0, 2, 2, 10, 5);

        var image = PngReader.Read(MandelbrotImage.ToPng(4, 4, [tile]));

        Assert.Equal(MandelbrotImage.Colour(tile.Iterations[3], 10), image.Pixel(1, 1));
        Assert.Equal(((byte)0, (byte)0, (byte)0), image.Pixel(3, 3));
    }

    [Fact]
    public void A_tile_outside_the_image_or_of_the_wrong_size_is_refused()
    {
        Assert.Throws<ArgumentException>(() => MandelbrotImage.ToPng(4, 4, [Tile(3, 0, 2, 2, 10, 1)]));
        Assert.Throws<ArgumentException>(() => MandelbrotImage.ToPng(4, 4, [new MandelbrotTile(0, 0, 2, 2, 10, new byte[3])]));
        Assert.Throws<ArgumentException>(() => MandelbrotImage.ToPng(4, 4, [Tile(0, 0, 2, 2, 0, 1)]));
        Assert.Throws<ArgumentOutOfRangeException>(() => MandelbrotImage.ToPng(0, 4, []));
    }

    [Fact]
    public void A_unit_result_reads_back_as_a_tile()
    {
        var tile = MandelbrotTile.FromJson("""{"x":80,"y":160,"width":2,"height":1,"maxIterations":200,"iterations":"AMg="}""");

        Assert.Equal((80, 160, 2, 1, 200), (tile.X, tile.Y, tile.Width, tile.Height, tile.MaxIterations));
        Assert.Equal(new byte[] { 0, 200 }, tile.Iterations);
        Assert.Throws<FormatException>(() => MandelbrotTile.FromJson("""{"x":1}"""));
        Assert.Throws<FormatException>(() => MandelbrotTile.FromJson("not json"));
    }

    private static MandelbrotTile Tile(int x, int y, int width, int height, int maxIterations, int seed) =>
        new(x, y, width, height, maxIterations, Enumerable.Range(0, width * height).Select(i => (byte)((i * seed + seed) % (maxIterations + 1))).ToArray());
}
