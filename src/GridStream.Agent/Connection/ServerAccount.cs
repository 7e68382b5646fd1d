using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using GridStream.Agent.Cli;

namespace GridStream.Agent.Connection;

public sealed record Credentials(string Email, string Password);

/// <summary>A bearer token, the refresh token that renews it, and how long the bearer token lasts.</summary>
internal sealed record SignedIn(string AccessToken, string RefreshToken, TimeSpan ExpiresIn);

/// <summary>Gets a viewer's bearer token from the server's account API, signing up a fresh viewer when no credentials are given.</summary>
internal static class ServerAccount
{
    public static async Task<SignedIn> ViewerTokenAsync(HttpClient http, Uri server, Credentials? credentials, CancellationToken cancellationToken)
    {
        var account = credentials ?? await SignUpFreshViewerAsync(http, server, cancellationToken).ConfigureAwait(false);
        using var response = await PostAsync(http, new Uri(server, "api/accounts/signin"), new { email = account.Email, password = account.Password }, cancellationToken)
            .ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.Unauthorized)
        {
            throw new AgentFailure($"Sign-in failed: {await ProblemDetailAsync(response, cancellationToken).ConfigureAwait(false)}");
        }

        await EnsureGridStreamAsync(response, server, "sign-in", cancellationToken).ConfigureAwait(false);
        return await ReadTokenAsync(response, server, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Trades the refresh token for a new bearer token (POST /api/accounts/refresh).</summary>
    public static async Task<SignedIn> RefreshAsync(HttpClient http, Uri server, string refreshToken, CancellationToken cancellationToken)
    {
        using var response = await PostAsync(http, new Uri(server, "api/accounts/refresh"), new { refreshToken }, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.Unauthorized)
        {
            throw new AgentFailure($"Renewing the sign-in failed: {await ProblemDetailAsync(response, cancellationToken).ConfigureAwait(false)}");
        }

        await EnsureGridStreamAsync(response, server, "token refresh", cancellationToken).ConfigureAwait(false);
        return await ReadTokenAsync(response, server, cancellationToken).ConfigureAwait(false);
    }

    internal static async Task<Credentials> SignUpFreshViewerAsync(HttpClient http, Uri server, CancellationToken cancellationToken)
    {
        // Random, so that many agents can sign up side by side; the digit and letter satisfy the password rules.
        var secret = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));
        var account = new Credentials($"agent-{secret[..12]}@agents.gridstream.invalid", $"agent-{secret}-a1");
        using var response = await PostAsync(http, new Uri(server, "api/accounts/signup"),
            new { email = account.Email, password = account.Password, role = "viewer" }, cancellationToken).ConfigureAwait(false);
        await EnsureGridStreamAsync(response, server, "sign-up", cancellationToken).ConfigureAwait(false);
        return account;
    }

    private static async Task<HttpResponseMessage> PostAsync(HttpClient http, Uri url, object body, CancellationToken cancellationToken)
    {
        try
        {
            return await http.PostAsJsonAsync(url, body, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException e)
        {
            throw new AgentFailure($"Can't reach the server at {url.GetLeftPart(UriPartial.Authority)}: {e.Message}", e);
        }
        catch (TaskCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new AgentFailure($"The server at {url.GetLeftPart(UriPartial.Authority)} did not answer in time.", e);
        }
    }

    private static async Task EnsureGridStreamAsync(HttpResponseMessage response, Uri server, string step, CancellationToken cancellationToken)
    {
        if (response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.MethodNotAllowed)
        {
            throw new AgentFailure($"{server} doesn't look like a GridStream server: its {step} address answered {(int)response.StatusCode}.");
        }

        if (!response.IsSuccessStatusCode)
        {
            throw new AgentFailure($"The server refused the {step}: {await ProblemDetailAsync(response, cancellationToken).ConfigureAwait(false)}");
        }
    }

    private static async Task<SignedIn> ReadTokenAsync(HttpResponseMessage response, Uri server, CancellationToken cancellationToken)
    {
        try
        {
            var body = await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken).ConfigureAwait(false);
            if (body.ValueKind == JsonValueKind.Object
                && body.TryGetProperty("accessToken", out var token) && token.GetString() is { Length: > 0 } access
                && body.TryGetProperty("refreshToken", out var refresh) && refresh.GetString() is { Length: > 0 } renewal
                && body.TryGetProperty("expiresIn", out var expiresIn) && expiresIn.TryGetInt64(out var seconds) && seconds > 0)
            {
                return new SignedIn(access, renewal, TimeSpan.FromSeconds(seconds));
            }
        }
        catch (JsonException)
        {
            // Falls through to the same answer as a body without a token.
        }

        throw new AgentFailure($"{server} doesn't look like a GridStream server: its sign-in gave no access token.");
    }

    internal static async Task<string> ProblemDetailAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using var problem = JsonDocument.Parse(text);
            var root = problem.RootElement;
            if (root.ValueKind == JsonValueKind.Object)
            {
                if (root.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Object)
                {
                    return string.Join(" ", errors.EnumerateObject().SelectMany(field => field.Value.EnumerateArray().Select(e => e.GetString())));
                }

                if (root.TryGetProperty("detail", out var detail) && detail.GetString() is { Length: > 0 } message)
                {
                    return message;
                }
            }
        }
        catch (JsonException)
        {
            // Not a problem document: say what status came back instead.
        }

        return $"HTTP {(int)response.StatusCode} {response.ReasonPhrase}";
    }
}
