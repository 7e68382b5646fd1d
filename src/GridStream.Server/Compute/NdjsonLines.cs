using System.Buffers;
using System.IO.Pipelines;
using System.Runtime.CompilerServices;
using System.Text;

namespace GridStream.Server.Compute;

/// <summary>
/// Reads newline-delimited JSON from a request body one line at a time, without ever holding more than one line:
/// a job of a million inputs streams straight into the database. Blank lines are skipped; a line longer than the
/// limit stops the read with its line number.
/// </summary>
internal static class NdjsonLines
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static async IAsyncEnumerable<NdjsonLine> ReadAsync(
        PipeReader body, int maxLineBytes, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var lineNumber = 0;
        while (true)
        {
            var read = await body.ReadAsync(cancellationToken).ConfigureAwait(false);
            var buffer = read.Buffer;
            try
            {
                while (TryTakeLine(ref buffer, out var line))
                {
                    lineNumber++;
                    if (line.Length > maxLineBytes)
                    {
                        throw new NdjsonException(lineNumber, $"the line is longer than {maxLineBytes:N0} bytes");
                    }

                    var text = Decode(line, lineNumber);
                    if (!string.IsNullOrWhiteSpace(text))
                    {
                        yield return new NdjsonLine(lineNumber, text);
                    }
                }

                if (buffer.Length > maxLineBytes)
                {
                    throw new NdjsonException(lineNumber + 1, $"the line is longer than {maxLineBytes:N0} bytes");
                }

                if (read.IsCompleted)
                {
                    if (buffer.Length > 0)
                    {
                        var text = Decode(buffer, lineNumber + 1);
                        buffer = buffer.Slice(buffer.End);
                        if (!string.IsNullOrWhiteSpace(text))
                        {
                            yield return new NdjsonLine(lineNumber + 1, text);
                        }
                    }

                    yield break;
                }
            }
            finally
            {
                // Every read is handed back, also when the body ends, a line is refused or the caller stops early:
                // otherwise Kestrel cannot drain the request afterwards ("Reading is already in progress").
                body.AdvanceTo(buffer.Start, read.Buffer.End);
            }
        }
    }

    private static bool TryTakeLine(ref ReadOnlySequence<byte> buffer, out ReadOnlySequence<byte> line)
    {
        if (buffer.PositionOf((byte)'\n') is not { } end)
        {
            line = default;
            return false;
        }

        line = buffer.Slice(0, end);
        buffer = buffer.Slice(buffer.GetPosition(1, end));
        return true;
    }

    private static string Decode(ReadOnlySequence<byte> line, int lineNumber)
    {
        try
        {
            var text = StrictUtf8.GetString(line);
            return text.EndsWith('\r') ? text[..^1] : text;
        }
        catch (DecoderFallbackException)
        {
            throw new NdjsonException(lineNumber, "the line is not valid UTF-8");
        }
    }
}

internal sealed record NdjsonLine(int Number, string Text);

internal sealed class NdjsonException(int line, string reason) : Exception($"Line {line}: {reason}.")
{
    public int Line { get; } = line;
}
