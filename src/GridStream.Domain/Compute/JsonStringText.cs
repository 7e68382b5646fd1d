using System.Globalization;
using System.Text;

namespace GridStream.Domain.Compute;

/// <summary>
/// JSON string text in and out. Decoding works on the parser's raw bytes instead of <c>JsonElement.GetString</c>
/// because JavaScript's JSON.stringify writes lone surrogates as <c>\udXXX</c> escapes, which GetString refuses:
/// two honest peers returning such a string must still agree rather than both fail.
/// </summary>
internal static class JsonStringText
{
    /// <summary>The text between the quotes of a string token the parser has already validated, unescaped.</summary>
    public static string Decode(ReadOnlySpan<byte> escaped)
    {
        var backslash = escaped.IndexOf((byte)'\\');
        if (backslash < 0)
        {
            return Encoding.UTF8.GetString(escaped);
        }

        var text = new StringBuilder(escaped.Length);
        while (backslash >= 0)
        {
            text.Append(Encoding.UTF8.GetString(escaped[..backslash]));
            var code = escaped[backslash + 1];
            var consumed = 2;
            switch (code)
            {
                case (byte)'u':
                    text.Append((char)int.Parse(Encoding.ASCII.GetString(escaped.Slice(backslash + 2, 4)), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture));
                    consumed = 6;
                    break;
                case (byte)'b': text.Append('\b'); break;
                case (byte)'f': text.Append('\f'); break;
                case (byte)'n': text.Append('\n'); break;
                case (byte)'r': text.Append('\r'); break;
                case (byte)'t': text.Append('\t'); break;
                default: text.Append((char)code); break; // \" \\ \/
            }

            escaped = escaped[(backslash + consumed)..];
            backslash = escaped.IndexOf((byte)'\\');
        }

        text.Append(Encoding.UTF8.GetString(escaped));
        return text.ToString();
    }

    /// <summary>
    /// Writes <paramref name="value"/> quoted with the fewest escapes (RFC 8785 §3.2.2.2, as JSON.stringify does):
    /// quote, backslash and control characters only, short forms where JSON has them; lone surrogates as lowercase
    /// <c>\udXXX</c> so the text stays valid UTF-8.
    /// </summary>
    public static void AppendQuoted(StringBuilder output, string value)
    {
        output.Append('"');
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            switch (c)
            {
                case '"': output.Append("\\\""); break;
                case '\\': output.Append("\\\\"); break;
                case '\b': output.Append("\\b"); break;
                case '\f': output.Append("\\f"); break;
                case '\n': output.Append("\\n"); break;
                case '\r': output.Append("\\r"); break;
                case '\t': output.Append("\\t"); break;
                case < ' ':
                    AppendEscapedUnit(output, c);
                    break;
                default:
                    if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
                    {
                        output.Append(c).Append(value[++i]);
                    }
                    else if (char.IsSurrogate(c))
                    {
                        AppendEscapedUnit(output, c);
                    }
                    else
                    {
                        output.Append(c);
                    }

                    break;
            }
        }

        output.Append('"');
    }

    private static void AppendEscapedUnit(StringBuilder output, char c) =>
        output.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
}
