using System.Text.Json.Nodes;

namespace GridStream.Sandbox.Tests.Infrastructure;

/// <summary>Independent C# computations of what the sample jobs compute, to check their answers against.</summary>
internal static class Reference
{
    public static (int Count, long Sum) Primes(long from, long to)
    {
        var count = 0;
        var sum = 0L;
        for (var n = Math.Max(from, 2); n < to; n++)
        {
            if (IsPrime(n))
            {
                count++;
                sum += n;
            }
        }

        return (count, sum);
    }

    public static long PrimeSum(int from, int to)
    {
        var composite = new bool[to];
        var sum = 0L;
        for (var n = 2; n < to; n++)
        {
            if (composite[n])
            {
                continue;
            }

            if (n >= from)
            {
                sum += n;
            }

            for (var multiple = (long)n * n; multiple < to; multiple += n)
            {
                composite[multiple] = true;
            }
        }

        return sum;
    }

    private static bool IsPrime(long n)
    {
        if (n < 4)
        {
            return n >= 2;
        }

        if (n % 2 == 0)
        {
            return false;
        }

        for (var divisor = 3L; divisor * divisor <= n; divisor += 2)
        {
            if (n % divisor == 0)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>mulberry32 in unsigned 32-bit arithmetic: the same numbers JavaScript's Math.imul version draws.</summary>
    public static long Mulberry32Hits(uint seed, int samples)
    {
        var state = seed;
        double Next()
        {
            state += 0x6D2B79F5;
            var t = (state ^ (state >> 15)) * (1 | state);
            t = (t + ((t ^ (t >> 7)) * (61 | t))) ^ t;
            return (t ^ (t >> 14)) / 4294967296.0;
        }

        var hits = 0L;
        for (var i = 0; i < samples; i++)
        {
            var x = Next();
            var y = Next();
            if (x * x + y * y < 1)
            {
                hits++;
            }
        }

        return hits;
    }

    public static byte[] MandelbrotIterations(JsonNode input)
    {
        var (imageWidth, imageHeight) = ((int)input["imageWidth"]!, (int)input["imageHeight"]!);
        var (x, y, width, height) = ((int)input["x"]!, (int)input["y"]!, (int)input["width"]!, (int)input["height"]!);
        var maxIterations = (int)input["maxIterations"]!;
        var (centerRe, centerIm, pixelSize) = ((double)input["centerRe"]!, (double)input["centerIm"]!, (double)input["pixelSize"]!);
        var iterations = new byte[width * height];
        for (var row = 0; row < height; row++)
        {
            var cIm = centerIm - ((y + row + 0.5 - (imageHeight / 2.0)) * pixelSize);
            for (var column = 0; column < width; column++)
            {
                var cRe = centerRe + ((x + column + 0.5 - (imageWidth / 2.0)) * pixelSize);
                double zRe = 0, zIm = 0;
                var n = 0;
                while (n < maxIterations)
                {
                    var re2 = zRe * zRe;
                    var im2 = zIm * zIm;
                    if (re2 + im2 > 4)
                    {
                        break;
                    }

                    zIm = (2 * zRe * zIm) + cIm;
                    zRe = re2 - im2 + cRe;
                    n++;
                }

                iterations[(row * width) + column] = (byte)n;
            }
        }

        return iterations;
    }
}
