using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using GridStream.Domain.Compute.Samples;

namespace GridStream.Domain.Tests.Compute.Samples;

/// <summary>Reads back what <see cref="Png"/> writes, checking every chunk's CRC on the way: the tests' decoder.</summary>
internal sealed record PngReader(int Width, int Height, byte BitDepth, byte ColourType, byte[] Rgb, IReadOnlyList<string> ChunkTypes)
{
    public static PngReader Read(byte[] png)
    {
        Assert.True(png.AsSpan(0, 8).SequenceEqual(Png.Signature), "PNG signature");
        var chunks = new List<string>();
        byte[]? header = null;
        using var idat = new MemoryStream();
        var at = 8;
        while (at < png.Length)
        {
            var length = BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(at));
            var type = Encoding.ASCII.GetString(png, at + 4, 4);
            var data = png.AsSpan(at + 8, length);
            var storedCrc = BinaryPrimitives.ReadUInt32BigEndian(png.AsSpan(at + 8 + length));
            Assert.Equal(Crc32.Compute(png.AsSpan(at + 4, 4 + length)), storedCrc);
            chunks.Add(type);
            if (type == "IHDR")
            {
                header = data.ToArray();
            }
            else if (type == "IDAT")
            {
                idat.Write(data);
            }

            at += 12 + length;
        }

        Assert.NotNull(header);
        var width = BinaryPrimitives.ReadInt32BigEndian(header);
        var height = BinaryPrimitives.ReadInt32BigEndian(header.AsSpan(4));
        idat.Position = 0;
        using var zlib = new ZLibStream(idat, CompressionMode.Decompress);
        using var raw = new MemoryStream();
        zlib.CopyTo(raw);
        var rows = raw.ToArray();
        var rowBytes = width * 3;
        Assert.Equal(height * (rowBytes + 1), rows.Length);
        var rgb = new byte[width * height * 3];
        for (var row = 0; row < height; row++)
        {
            Assert.Equal(0, rows[row * (rowBytes + 1)]);
            Array.Copy(rows, row * (rowBytes + 1) + 1, rgb, row * rowBytes, rowBytes);
        }

        return new PngReader(width, height, header[8], header[9], rgb, chunks);
    }

    public (byte, byte, byte) Pixel(int x, int y)
    {
        var at = ((y * Width) + x) * 3;
        return (Rgb[at], Rgb[at + 1], Rgb[at + 2]);
    }
}
