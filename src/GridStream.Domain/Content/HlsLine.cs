namespace GridStream.Domain.Content;

/// <summary>One line of a playlist, already stripped of its line ending and surrounding whitespace.</summary>
internal readonly record struct HlsLine(int Number, string Text)
{
    private const string TagPrefix = "#EXT";

    public bool IsTag => Text.StartsWith(TagPrefix, StringComparison.Ordinal);

    /// <summary>Anything that is neither blank nor starts with '#' names a segment or a rendition.</summary>
    public bool IsUri => Text.Length > 0 && Text[0] != '#';

    /// <summary>The tag including its '#', e.g. <c>#EXTINF</c>; null for lines that are not tags.</summary>
    public string? TagName => IsTag ? Text[..ColonOrEnd()] : null;

    /// <summary>What follows the tag's colon; empty when there is none.</summary>
    public string TagValue
    {
        get
        {
            var colon = ColonOrEnd();
            return colon < Text.Length ? Text[(colon + 1)..] : string.Empty;
        }
    }

    private int ColonOrEnd()
    {
        var colon = Text.IndexOf(':', StringComparison.Ordinal);
        return colon < 0 ? Text.Length : colon;
    }
}
