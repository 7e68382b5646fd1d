using System.IO.Pipelines;
using System.Text;
using GridStream.Server.Compute;

namespace GridStream.Server.Tests.Compute;

/// <summary>The NDJSON reader hands every read of the request body back, however the reading ends.</summary>
public sealed class NdjsonLinesTests
{
    [Theory]
    [InlineData("1\n2\n3\n", 3)]
    [InlineData("1\n2\n3", 3)]
    [InlineData("\n\n", 0)]
    public async Task After_the_last_line_the_body_is_free_to_read_again(string body, int lines)
    {
        var pipe = await PipeWithAsync(body);

        var read = await ReadAllAsync(pipe.Reader, stopAfter: int.MaxValue);

        Assert.Equal(lines, read.Count);
        AssertReadable(pipe.Reader);
    }

    [Fact]
    public async Task A_caller_that_stops_early_leaves_the_body_free_to_read()
    {
        var pipe = await PipeWithAsync("1\n2\n3\n");

        var read = await ReadAllAsync(pipe.Reader, stopAfter: 1);

        Assert.Equal(["1"], read);
        AssertReadable(pipe.Reader);
    }

    [Fact]
    public async Task A_refused_line_leaves_the_body_free_to_read()
    {
        var pipe = await PipeWithAsync("1\n" + new string('7', 100) + "\n");

        var refused = await Assert.ThrowsAsync<NdjsonException>(() => ReadAllAsync(pipe.Reader, stopAfter: int.MaxValue));

        Assert.Equal(2, refused.Line);
        AssertReadable(pipe.Reader);
    }

    private static async Task<Pipe> PipeWithAsync(string body)
    {
        var pipe = new Pipe();
        await pipe.Writer.WriteAsync(Encoding.UTF8.GetBytes(body));
        await pipe.Writer.CompleteAsync();
        return pipe;
    }

    private static async Task<List<string>> ReadAllAsync(PipeReader reader, int stopAfter)
    {
        var lines = new List<string>();
        await foreach (var line in NdjsonLines.ReadAsync(reader, maxLineBytes: 50, CancellationToken.None))
        {
            lines.Add(line.Text);
            if (lines.Count == stopAfter)
            {
                break;
            }
        }

        return lines;
    }

    /// <summary>A pipe whose last read was never handed back throws "Reading is already in progress" here.</summary>
    private static void AssertReadable(PipeReader reader)
    {
        Assert.True(reader.TryRead(out var again));
        reader.AdvanceTo(again.Buffer.End);
    }
}
