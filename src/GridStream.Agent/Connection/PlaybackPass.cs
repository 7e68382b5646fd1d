using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using GridStream.Agent.Cli;

namespace GridStream.Agent.Connection;

/// <summary>
/// The agent's playback token for what it watches: asked for before joining, renewed before it expires, passed at
/// Register and on every fetch from the origin. When the item is priced and the viewer has no license yet, it buys one
/// first (which, until payments exist, only works for free items: the server says so and the agent stops with that).
/// </summary>
internal sealed class PlaybackPass
{
    /// <summary>Renew this long before expiry, so a slow fetch never carries a token that runs out on the way.</summary>
    private static readonly TimeSpan RenewBefore = TimeSpan.FromMinutes(2);

    private readonly HttpClient _http;
    private readonly Uri _server;
    private readonly AccessTokens _tokens;
    private readonly Guid _contentId;
    private readonly SemaphoreSlim _renewing = new(1, 1);
    private volatile TokenAnswer _current;

    private PlaybackPass(HttpClient http, Uri server, AccessTokens tokens, Guid contentId, TokenAnswer first)
    {
        _http = http;
        _server = server;
        _tokens = tokens;
        _contentId = contentId;
        _current = first;
    }

    public static async Task<PlaybackPass> ObtainAsync(HttpClient http, Uri server, AccessTokens tokens, Guid contentId, CancellationToken cancellationToken)
    {
        var accessToken = await tokens.CurrentAsync(cancellationToken).ConfigureAwait(false);
        var first = await AskAsync(http, server, accessToken, contentId, buyIfNeeded: true, cancellationToken).ConfigureAwait(false);
        return new PlaybackPass(http, server, tokens, contentId, first);
    }

    /// <summary>True when the item is priced: its segments then go only to viewers the server admitted.</summary>
    public bool Required => _current.Required;

    public async Task<string> TokenAsync(CancellationToken cancellationToken)
    {
        if (_current.ExpiresAt - DateTimeOffset.UtcNow > RenewBefore)
        {
            return _current.Token;
        }

        await _renewing.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_current.ExpiresAt - DateTimeOffset.UtcNow <= RenewBefore)
            {
                var accessToken = await _tokens.CurrentAsync(cancellationToken).ConfigureAwait(false);
                _current = await AskAsync(_http, _server, accessToken, _contentId, buyIfNeeded: false, cancellationToken).ConfigureAwait(false);
            }

            return _current.Token;
        }
        finally
        {
            _renewing.Release();
        }
    }

    /// <summary>
    /// An origin URL with the token added when the item is priced, which is how an HLS player carries it too. Free
    /// items' URLs stay as they are: an origin we don't run might not like parameters it never asked for.
    /// </summary>
    public async Task<Uri> OriginUrlAsync(string url, CancellationToken cancellationToken)
    {
        if (!_current.Required)
        {
            return new Uri(url);
        }

        var token = await TokenAsync(cancellationToken).ConfigureAwait(false);
        var separator = url.Contains('?', StringComparison.Ordinal) ? '&' : '?';
        return new Uri($"{url}{separator}token={Uri.EscapeDataString(token)}");
    }

    private static async Task<TokenAnswer> AskAsync(
        HttpClient http, Uri server, string accessToken, Guid contentId, bool buyIfNeeded, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(http, accessToken, new Uri(server, $"api/content/{contentId}/playback-token"), cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.Forbidden && buyIfNeeded)
        {
            await BuyLicenseAsync(http, server, accessToken, contentId, cancellationToken).ConfigureAwait(false);
            return await AskAsync(http, server, accessToken, contentId, buyIfNeeded: false, cancellationToken).ConfigureAwait(false);
        }

        if (!response.IsSuccessStatusCode)
        {
            throw new AgentFailure($"No playback token for {contentId}: {await DetailAsync(response, cancellationToken).ConfigureAwait(false)}");
        }

        return await response.Content.ReadFromJsonAsync<TokenAnswer>(cancellationToken).ConfigureAwait(false)
            ?? throw new AgentFailure($"{server} answered the playback token request with an empty body.");
    }

    private static async Task BuyLicenseAsync(HttpClient http, Uri server, string accessToken, Guid contentId, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(http, accessToken, new Uri(server, $"api/content/{contentId}/license"), cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw new AgentFailure($"Could not buy a license for {contentId}: {await DetailAsync(response, cancellationToken).ConfigureAwait(false)}");
        }
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient http, string accessToken, Uri url, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        try
        {
            return await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException e)
        {
            throw new AgentFailure($"Can't reach the server at {url.GetLeftPart(UriPartial.Authority)}: {e.Message}", e);
        }
    }

    private static async Task<string> DetailAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using var problem = JsonDocument.Parse(text);
            if (problem.RootElement.ValueKind == JsonValueKind.Object
                && problem.RootElement.TryGetProperty("detail", out var detail) && detail.GetString() is { Length: > 0 } message)
            {
                return message;
            }
        }
        catch (JsonException)
        {
            // Not a problem document: the status says enough.
        }

        return $"HTTP {(int)response.StatusCode} {response.ReasonPhrase}";
    }

    private sealed record TokenAnswer(Guid ContentId, string Token, DateTimeOffset ExpiresAt, bool Required);
}
