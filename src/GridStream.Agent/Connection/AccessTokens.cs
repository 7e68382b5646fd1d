namespace GridStream.Agent.Connection;

/// <summary>
/// The viewer's bearer token, renewed with the refresh token once less than a quarter of its life is left, so a
/// watch that lasts longer than one token (an hour by default) reconnects with a valid one. Shared by every agent
/// of a swarm run; one renewal at a time.
/// </summary>
internal sealed class AccessTokens(HttpClient http, Uri server, SignedIn signedIn, TimeProvider clock)
{
    private readonly SemaphoreSlim _renewing = new(1, 1);
    private SignedIn _current = signedIn;
    private DateTimeOffset _renewAt = RenewalTime(signedIn, clock.GetUtcNow());
    private int _renewals;

    public int Renewals => Volatile.Read(ref _renewals);

    public static async Task<AccessTokens> SignInAsync(HttpClient http, Uri server, Credentials? credentials, TimeProvider clock, CancellationToken cancellationToken) =>
        new(http, server, await ServerAccount.ViewerTokenAsync(http, server, credentials, cancellationToken).ConfigureAwait(false), clock);

    /// <summary>A token good for a while yet: the current one, or a renewed one when it is close to expiring.</summary>
    public async Task<string> CurrentAsync(CancellationToken cancellationToken)
    {
        if (clock.GetUtcNow() < _renewAt)
        {
            return _current.AccessToken;
        }

        await _renewing.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (clock.GetUtcNow() >= _renewAt)
            {
                _current = await ServerAccount.RefreshAsync(http, server, _current.RefreshToken, cancellationToken).ConfigureAwait(false);
                _renewAt = RenewalTime(_current, clock.GetUtcNow());
                Interlocked.Increment(ref _renewals);
            }

            return _current.AccessToken;
        }
        finally
        {
            _renewing.Release();
        }
    }

    private static DateTimeOffset RenewalTime(SignedIn token, DateTimeOffset now) => now + token.ExpiresIn * 3 / 4;
}
