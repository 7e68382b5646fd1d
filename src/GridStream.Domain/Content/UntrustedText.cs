namespace GridStream.Domain.Content;

/// <summary>Quoting text from an origin in an error message: only the start of it, so a log line stays a line.</summary>
internal static class UntrustedText
{
    private const int MaxQuotedLength = 100;

    public static string Excerpt(string text)
    {
        var excerpt = text.Length <= MaxQuotedLength ? text : string.Concat(text.AsSpan(0, MaxQuotedLength), "…");
        return "\"" + excerpt + "\"";
    }
}
