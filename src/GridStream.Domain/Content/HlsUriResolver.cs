namespace GridStream.Domain.Content;

/// <summary>
/// Makes a playlist's URI references absolute. Only web schemes are followed, plus whatever scheme the playlist itself
/// came from: a remote playlist must not steer the server to <c>file:</c> paths (a Windows path such as
/// <c>c:\x.ts</c> parses as one) or other schemes.
/// </summary>
internal sealed class HlsUriResolver(Uri playlistUri)
{
    public Uri PlaylistUri => playlistUri;

    public Uri Resolve(string reference, int lineNumber)
    {
        if (reference.Length == 0)
        {
            throw new HlsFormatException("A URI is empty.", lineNumber);
        }

        if (!Uri.TryCreate(playlistUri, reference, out var resolved))
        {
            throw new HlsFormatException($"{UntrustedText.Excerpt(reference)} is not a URI.", lineNumber);
        }

        if (!IsFollowable(resolved.Scheme))
        {
            throw new HlsFormatException(
                $"{UntrustedText.Excerpt(reference)} uses the scheme '{resolved.Scheme}'; only http, https and the playlist's own scheme are followed.",
                lineNumber);
        }

        return resolved;
    }

    private bool IsFollowable(string scheme) =>
        scheme == Uri.UriSchemeHttps || scheme == Uri.UriSchemeHttp || scheme == playlistUri.Scheme;
}
