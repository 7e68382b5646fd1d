using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using GridStream.Domain.Compute.Samples;
using GridStream.Sandbox.Tests.Infrastructure;

namespace GridStream.Sandbox.Tests;

/// <summary>
/// The sample jobs' task.js, run in the real sandbox, give the right answers: known from mathematics, or recomputed
/// here independently in C#. Inputs are kept small (a few of job.json's own units, or smaller ones) so the suite
/// stays quick: Jint is some 50–80 times slower than node.
/// </summary>
public sealed class SampleJobResultTests(PoolFixture fixture) : IClassFixture<PoolFixture>
{
    private readonly SandboxPool _pool = fixture.Pool;

    [Fact]
    public async Task Primes_in_range_counts_the_primes_of_the_first_unit_of_job_json()
    {
        var job = SampleJob.Load("primes-in-range");

        var first = await job.RunAsync(_pool, job.Inputs[0]!);

        // π(500,000) = 41,538; the sum is checked against a plain sieve.
        Assert.Equal(0, (long)first["from"]!);
        Assert.Equal(500_000, (long)first["to"]!);
        Assert.Equal(41_538, (int)first["count"]!);
        Assert.Equal(Reference.PrimeSum(0, 500_000).ToString(System.Globalization.CultureInfo.InvariantCulture), (string?)first["sum"]);
    }

    [Theory]
    [InlineData(0, 100, 25)]
    [InlineData(0, 2, 0)]
    [InlineData(2, 3, 1)]
    [InlineData(0, 10_000, 1_229)]
    [InlineData(9_999_990_000, 10_000_000_000, -1)]
    public async Task Primes_in_range_agrees_with_a_reference_sieve(long from, long to, int knownCount)
    {
        var job = SampleJob.Load("primes-in-range");

        var result = await job.RunAsync(_pool, SampleJob.Input(new { from, to }));

        var (count, sum) = Reference.Primes(from, to);
        if (knownCount >= 0)
        {
            Assert.Equal(knownCount, count);
        }

        Assert.Equal(count, (int)result["count"]!);
        Assert.Equal(sum.ToString(System.Globalization.CultureInfo.InvariantCulture), (string?)result["sum"]);
    }

    [Fact]
    public async Task Primes_in_range_refuses_a_span_too_large_for_one_unit()
    {
        var job = SampleJob.Load("primes-in-range");

        var outcome = await _pool.RunAsync(new TaskRun(job.Code, """{"from":0,"to":100000000}""", Units.Roomy), CancellationToken.None);

        Assert.StartsWith("run threw RangeError: to - from must be an integer from 0 to 10000000", outcome.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Monte_carlo_pi_is_exactly_reproducible_and_close_to_pi()
    {
        var job = SampleJob.Load("monte-carlo-pi");
        var inputs = Enumerable.Range(1, 4).Select(seed => SampleJob.Input(new { seed, samples = 100_000 })).ToList();

        var first = await Task.WhenAll(inputs.Select(input => job.RunAsync(_pool, input)));
        var second = await Task.WhenAll(inputs.Select(input => job.RunAsync(_pool, input)));

        Assert.Equal(first.Select(result => result.ToJsonString()), second.Select(result => result.ToJsonString()));
        for (var seed = 1; seed <= 4; seed++)
        {
            Assert.Equal(Reference.Mulberry32Hits((uint)seed, 100_000), (long)first[seed - 1]["hits"]!);
        }

        var pi = 4.0 * first.Sum(result => (long)result["hits"]!) / 400_000;
        // 400,000 samples: the standard error is about 0.0026, so 0.02 is over seven of them.
        Assert.InRange(pi, Math.PI - 0.02, Math.PI + 0.02);
    }

    [Fact]
    public async Task Monte_carlo_pi_matches_the_reference_on_a_unit_of_job_json()
    {
        var job = SampleJob.Load("monte-carlo-pi");
        var input = job.Inputs[0]!;

        var result = await job.RunAsync(_pool, input);

        Assert.Equal(Reference.Mulberry32Hits((uint)input["seed"]!, (int)input["samples"]!), (long)result["hits"]!);
    }

    [Fact]
    public async Task Mandelbrot_tiles_are_reproducible_and_assemble_into_a_png()
    {
        var job = SampleJob.Load("mandelbrot-tiles");
        var inputs = (from y in new[] { 0, 24 }
                      from x in new[] { 0, 32 }
                      select SampleJob.Input(new
                      {
                          imageWidth = 64, imageHeight = 48, x, y, width = 32, height = 24,
                          maxIterations = 100, centerRe = -0.75, centerIm = 0.0, pixelSize = 0.05,
                      })).ToList();

        var tiles = (await Task.WhenAll(inputs.Select(input => job.RunAsync(_pool, input)))).Select(result => MandelbrotTile.FromJson(result.ToJsonString())).ToList();
        var again = await job.RunAsync(_pool, inputs[3]);

        foreach (var (tile, input) in tiles.Zip(inputs))
        {
            Assert.Equal(Reference.MandelbrotIterations(input), tile.Iterations);
        }

        Assert.Equal(tiles[3].Iterations, MandelbrotTile.FromJson(again.ToJsonString()).Iterations);
        Assert.Contains(tiles.SelectMany(tile => tile.Iterations), n => n == 100);
        Assert.Contains(tiles.SelectMany(tile => tile.Iterations), n => n < 5);
        var png = MandelbrotImage.ToPng(64, 48, tiles);
        Assert.True(png.AsSpan(0, 8).SequenceEqual(Png.Signature));
        Assert.Equal(64, System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16)));
        Assert.Equal(48, System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20)));
    }

    [Fact]
    public async Task Mandelbrot_matches_the_reference_on_a_tile_of_job_json()
    {
        var job = SampleJob.Load("mandelbrot-tiles");
        var input = job.Inputs[27]!;

        var tile = MandelbrotTile.FromJson((await job.RunAsync(_pool, input)).ToJsonString());

        Assert.Equal(Reference.MandelbrotIterations(input), tile.Iterations);
    }

    [Fact]
    public async Task Sha256_prefix_finds_the_first_nonce_of_job_json_that_dotnet_confirms()
    {
        var job = SampleJob.Load("sha256-prefix");
        var input = job.Inputs.Select(node => node!).First(node => (int)node["from"]! == 8192);

        var result = await job.RunAsync(_pool, input);

        AssertFirstMatch(input, result);
        Assert.True((bool)result["found"]!);
    }

    [Theory]
    [InlineData("gridstream:", 2, 0, 300)]
    [InlineData("ünïcødé → ∑ 🚀 a prefix long enough to need a second SHA-256 block: ", 2, 0, 300)]
    [InlineData("gridstream:", 6, 0, 200)]
    public async Task Sha256_prefix_agrees_with_dotnet_sha256(string prefix, int zeros, int from, int to)
    {
        var job = SampleJob.Load("sha256-prefix");
        var input = SampleJob.Input(new { prefix, zeros, from, to });

        var result = await job.RunAsync(_pool, input);

        AssertFirstMatch(input, result);
    }

    private static void AssertFirstMatch(JsonNode input, JsonObject result)
    {
        var prefix = (string)input["prefix"]!;
        var zeros = (int)input["zeros"]!;
        var expected = Enumerable.Range((int)input["from"]!, (int)input["to"]! - (int)input["from"]!)
            .Select(nonce => (Nonce: nonce, Hash: Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(prefix + nonce)))))
            .FirstOrDefault(candidate => candidate.Hash.StartsWith(new string('0', zeros), StringComparison.Ordinal));
        if (expected.Hash is null)
        {
            Assert.False((bool)result["found"]!);
            return;
        }

        Assert.True((bool)result["found"]!);
        Assert.Equal(expected.Nonce, (int)result["nonce"]!);
        Assert.Equal(expected.Hash, (string?)result["hash"]);
    }
}
