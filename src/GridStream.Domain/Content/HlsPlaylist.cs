namespace GridStream.Domain.Content;

/// <summary>
/// An HLS playlist (RFC 8216): either a <see cref="HlsMasterPlaylist"/> listing renditions or a
/// <see cref="HlsMediaPlaylist"/> listing segments. The set of kinds is closed so callers can switch over it.
/// </summary>
public abstract record HlsPlaylist
{
    /// <summary>
    /// Playlists come from origins we don't control; these bounds keep a hostile one from making the server
    /// allocate without limit. Real playlists are far smaller: a 24-hour event of 2-second segments is about
    /// 43,200 segments, two lines each.
    /// </summary>
    public const int MaxCharacters = 8 * 1024 * 1024;

    public const int MaxLines = 200_000;

    private protected HlsPlaylist(Uri uri) => Uri = uri;

    /// <summary>Where the playlist was fetched from; relative URIs inside it are resolved against this.</summary>
    public Uri Uri { get; }

    /// <summary>Reads a playlist, resolving every URI in it against <paramref name="playlistUri"/>.</summary>
    /// <exception cref="HlsFormatException">The text is not a playlist we accept; the message names the line.</exception>
    public static HlsPlaylist Parse(string text, Uri playlistUri)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(playlistUri);
        if (!playlistUri.IsAbsoluteUri)
        {
            throw new ArgumentException("The playlist address must be absolute to resolve segment URIs.", nameof(playlistUri));
        }

        var lines = HlsLines.Read(text);
        var uris = new HlsUriResolver(playlistUri);
        return IsMaster(lines)
            ? HlsMasterPlaylistParser.Parse(lines, uris)
            : HlsMediaPlaylistParser.Parse(lines, uris);
    }

    private static bool IsMaster(IReadOnlyList<HlsLine> lines)
    {
        HlsLine? firstVariant = null;
        HlsLine? firstSegment = null;
        foreach (var line in lines)
        {
            var tag = line.TagName;
            if (tag == HlsTags.StreamInf)
            {
                firstVariant ??= line;
            }
            else if (tag is HlsTags.Inf or HlsTags.TargetDuration)
            {
                firstSegment ??= line;
            }
        }

        if (firstVariant is { } variant && firstSegment is { } segment)
        {
            var later = variant.Number > segment.Number ? variant : segment;
            throw new HlsFormatException(
                $"{later.TagName} mixes master playlist tags with media playlist tags.", later.Number);
        }

        return firstVariant is not null;
    }
}
