namespace GridStream.Domain.Content;

/// <summary>
/// A playlist that breaks RFC 8216 in a way we refuse to guess around. It derives from <see cref="FormatException"/>
/// so a caller can treat every malformed origin response alike.
/// </summary>
public sealed class HlsFormatException : FormatException
{
    public HlsFormatException(string problem, int? lineNumber = null)
        : base(lineNumber is { } line ? $"HLS playlist, line {line}: {problem}" : $"HLS playlist: {problem}")
    {
        Problem = problem;
        LineNumber = lineNumber;
    }

    public string Problem { get; }

    /// <summary>1-based; null when the problem belongs to the playlist as a whole (too large, a tag missing).</summary>
    public int? LineNumber { get; }
}
