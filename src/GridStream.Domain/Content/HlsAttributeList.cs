namespace GridStream.Domain.Content;

/// <summary>
/// An RFC 8216 attribute list such as <c>BANDWIDTH=1280000,CODECS="avc1.4d401f,mp4a.40.2"</c>. Quoted values may
/// contain commas, so the list is scanned rather than split.
/// </summary>
internal sealed class HlsAttributeList
{
    private static readonly System.Buffers.SearchValues<char> AttributeNameCharacters =
        System.Buffers.SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-");

    private readonly Dictionary<string, Value> values;
    private readonly string tagName;
    private readonly int lineNumber;

    private HlsAttributeList(Dictionary<string, Value> values, string tagName, int lineNumber)
    {
        this.values = values;
        this.tagName = tagName;
        this.lineNumber = lineNumber;
    }

    public static HlsAttributeList Parse(string text, string tagName, int lineNumber)
    {
        var values = new Dictionary<string, Value>(StringComparer.Ordinal);
        var position = 0;
        while (position < text.Length)
        {
            var equals = text.IndexOf('=', position);
            var name = (equals < 0 ? text[position..] : text[position..equals]).Trim();
            if (equals < 0 || !IsAttributeName(name))
            {
                throw new HlsFormatException(
                    $"{tagName} has {UntrustedText.Excerpt(name)} where an attribute NAME=value was expected.", lineNumber);
            }

            position = equals + 1;
            Value value;
            if (position < text.Length && text[position] == '"')
            {
                var closingQuote = text.IndexOf('"', position + 1);
                if (closingQuote < 0)
                {
                    throw new HlsFormatException($"{tagName} attribute {name} has no closing quote.", lineNumber);
                }

                value = new Value(text[(position + 1)..closingQuote], IsQuoted: true);
                position = closingQuote + 1;
            }
            else
            {
                var comma = text.IndexOf(',', position);
                var end = comma < 0 ? text.Length : comma;
                value = new Value(text[position..end].Trim(), IsQuoted: false);
                position = end;
            }

            if (!values.TryAdd(name, value))
            {
                throw new HlsFormatException($"{tagName} has attribute {name} more than once.", lineNumber);
            }

            position = SkipSeparator(text, position, tagName, name, lineNumber);
        }

        return new HlsAttributeList(values, tagName, lineNumber);
    }

    public long? Integer(string name) =>
        values.TryGetValue(name, out var value)
            ? HlsNumbers.ParseInteger(Unquoted(name, value), $"{tagName} {name}", lineNumber)
            : null;

    public long RequiredInteger(string name) =>
        Integer(name) ?? throw new HlsFormatException($"{tagName} has no {name} attribute.", lineNumber);

    public string? QuotedString(string name)
    {
        if (!values.TryGetValue(name, out var value))
        {
            return null;
        }

        return value.IsQuoted
            ? value.Text
            : throw new HlsFormatException($"{tagName} attribute {name} must be a quoted string.", lineNumber);
    }

    public string RequiredQuotedString(string name) =>
        QuotedString(name) ?? throw new HlsFormatException($"{tagName} has no {name} attribute.", lineNumber);

    /// <summary>A <c>decimal-resolution</c> such as <c>1920x1080</c>.</summary>
    public HlsResolution? Resolution(string name)
    {
        if (!values.TryGetValue(name, out var value))
        {
            return null;
        }

        var text = Unquoted(name, value);
        var separator = text.IndexOf('x', StringComparison.Ordinal);
        if (separator <= 0)
        {
            throw new HlsFormatException(
                $"{tagName} {name} must look like 1920x1080, not {UntrustedText.Excerpt(text)}.", lineNumber);
        }

        var what = $"{tagName} {name}";
        return new HlsResolution(
            HlsNumbers.ParseSmallInteger(text[..separator], what, lineNumber),
            HlsNumbers.ParseSmallInteger(text[(separator + 1)..], what, lineNumber));
    }

    private string Unquoted(string name, Value value) =>
        value.IsQuoted
            ? throw new HlsFormatException($"{tagName} attribute {name} must not be quoted.", lineNumber)
            : value.Text;

    private static int SkipSeparator(string text, int position, string tagName, string name, int lineNumber)
    {
        while (position < text.Length && char.IsWhiteSpace(text[position]))
        {
            position++;
        }

        if (position == text.Length)
        {
            return position;
        }

        return text[position] == ','
            ? position + 1
            : throw new HlsFormatException($"{tagName} attribute {name} must be followed by a comma.", lineNumber);
    }

    private static bool IsAttributeName(string name) =>
        name.Length > 0 && !name.AsSpan().ContainsAnyExcept(AttributeNameCharacters);

    private readonly record struct Value(string Text, bool IsQuoted);
}
