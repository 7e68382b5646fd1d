namespace GridStream.Domain.Content;

/// <summary>Splits playlist text into numbered lines and checks the envelope: size bounds and the header.</summary>
internal static class HlsLines
{
    private const char ByteOrderMark = '\uFEFF';

    public static IReadOnlyList<HlsLine> Read(string text)
    {
        if (text.Length > HlsPlaylist.MaxCharacters)
        {
            throw new HlsFormatException(
                $"The playlist has {text.Length:N0} characters; at most {HlsPlaylist.MaxCharacters:N0} are accepted.");
        }

        // RFC 8216 forbids a BOM, but editors on Windows add one and it carries no meaning.
        var rest = text.AsSpan();
        if (rest.Length > 0 && rest[0] == ByteOrderMark)
        {
            rest = rest[1..];
        }

        var lines = new List<HlsLine>();
        while (true)
        {
            var newline = rest.IndexOf('\n');
            var content = newline < 0 ? rest : rest[..newline];
            var isFinalEmptyLine = newline < 0 && content.IsEmpty && lines.Count > 0;
            if (isFinalEmptyLine)
            {
                break;
            }

            var number = lines.Count + 1;
            if (number > HlsPlaylist.MaxLines)
            {
                throw new HlsFormatException($"The playlist has more than {HlsPlaylist.MaxLines:N0} lines.", number);
            }

            // Trim also removes the CR of a CRLF ending.
            lines.Add(new HlsLine(number, content.Trim().ToString()));
            if (newline < 0)
            {
                break;
            }

            rest = rest[(newline + 1)..];
        }

        if (lines[0].Text != HlsTags.Header)
        {
            throw new HlsFormatException($"The first line must be {HlsTags.Header}.", 1);
        }

        return lines;
    }
}
