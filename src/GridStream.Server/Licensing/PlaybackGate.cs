using GridStream.Domain.Licensing;

namespace GridStream.Server.Licensing;

/// <summary>Issues and checks playback tokens with the server's key and clock; used by the token endpoint, the origin and Register.</summary>
internal sealed class PlaybackGate(PlaybackTokenKeySource keys, TimeProvider clock)
{
    /// <summary>Where a player may put its token instead of <c>?token=</c>.</summary>
    public const string HeaderName = "X-Playback-Token";

    public const string QueryName = "token";

    public async Task<PlaybackTokenView> IssueAsync(
        Guid viewerId, Guid contentId, bool required, DateTimeOffset? licenseExpiresAt, CancellationToken cancellationToken)
    {
        var key = await keys.GetAsync(cancellationToken).ConfigureAwait(false);
        var expiresAt = PlaybackTokens.ExpiryFor(clock.GetUtcNow(), licenseExpiresAt);
        // Whole seconds: the token carries Unix seconds, and the answer should say exactly what the token says.
        expiresAt = DateTimeOffset.FromUnixTimeSeconds(expiresAt.ToUnixTimeSeconds());
        return new PlaybackTokenView(contentId, PlaybackTokens.Issue(key, new PlaybackTokenClaims(viewerId, contentId, expiresAt)), expiresAt, required);
    }

    public async Task<PlaybackTokenCheck> CheckAsync(string? token, Guid contentId, CancellationToken cancellationToken)
    {
        var key = await keys.GetAsync(cancellationToken).ConfigureAwait(false);
        return PlaybackTokens.Verify(key, token, contentId, clock.GetUtcNow());
    }

    /// <summary>The token a request carries: the header, else the query string (what an HLS player can add to a URL).</summary>
    public static string? TokenOf(HttpRequest request)
    {
        var header = request.Headers[HeaderName].ToString();
        return string.IsNullOrEmpty(header) ? request.Query[QueryName].ToString() : header;
    }
}
