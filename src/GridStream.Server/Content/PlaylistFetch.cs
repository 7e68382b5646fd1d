using GridStream.Domain.Content;

namespace GridStream.Server.Content;

internal static class PlaylistFetch
{
    /// <summary>Fetches and parses a playlist; a malformed one becomes an <see cref="OriginException"/> naming URL and line.</summary>
    public static async Task<HlsPlaylist> ReadAsync(OriginClient origin, Uri url, CancellationToken cancellationToken)
    {
        var text = await origin.GetTextAsync(url, OriginClient.MaxPlaylistBytes, cancellationToken).ConfigureAwait(false);
        try
        {
            return HlsPlaylist.Parse(text, url);
        }
        catch (HlsFormatException problem)
        {
            var where = problem.LineNumber is { } line ? $"{url}, line {line}" : url.ToString();
            throw new OriginException($"{where}: {problem.Problem}", problem);
        }
    }
}
