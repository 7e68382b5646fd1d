using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using GridStream.Agent.Cli;
using GridStream.Agent.Connection;

namespace GridStream.Agent.Demo;

/// <summary>JSON calls to the server's API as one signed-in account; any refusal becomes a one-line <see cref="AgentFailure"/>.</summary>
internal sealed class SignedInClient(HttpClient http, Uri server, string accessToken, string who)
{
    public string AccessToken => accessToken;

    public static async Task<SignedInClient> SignInAsync(HttpClient http, Uri server, Credentials account, CancellationToken cancellationToken)
    {
        var signedIn = await ServerAccount.ViewerTokenAsync(http, server, account, cancellationToken).ConfigureAwait(false);
        return new SignedInClient(http, server, signedIn.AccessToken, account.Email);
    }

    public Task<JsonElement> GetAsync(string path, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Get, path, null, null, cancellationToken);

    public Task<JsonElement> PostAsync(string path, object? body, CancellationToken cancellationToken, string? idempotencyKey = null) =>
        SendAsync(HttpMethod.Post, path, body, idempotencyKey, cancellationToken);

    private async Task<JsonElement> SendAsync(HttpMethod method, string path, object? body, string? idempotencyKey, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, new Uri(server, path));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        if (method != HttpMethod.Get)
        {
            request.Content = JsonContent.Create(body ?? new { });
        }

        using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            var detail = await ServerAccount.ProblemDetailAsync(response, cancellationToken).ConfigureAwait(false);
            throw new AgentFailure($"{method} /{path} as {who} answered {(int)response.StatusCode}: {detail}");
        }

        return await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken).ConfigureAwait(false);
    }
}
