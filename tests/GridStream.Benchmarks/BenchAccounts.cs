using System.Net.Http.Json;

namespace GridStream.Benchmarks;

/// <summary>Fresh accounts on a running server, signed in with a bearer token, one per simulated user.</summary>
internal static class BenchAccounts
{
    private const string Password = "benchmark-1";

    public static async Task<string> TokenAsync(Uri server, string role)
    {
        using var http = new HttpClient { BaseAddress = server };
        var email = $"bench-{role}-{Guid.NewGuid():N}@gridstream.test";
        (await http.PostAsJsonAsync("/api/accounts/signup", new { email, password = Password, role })).EnsureSuccessStatusCode();
        var signIn = await http.PostAsJsonAsync("/api/accounts/signin", new { email, password = Password });
        signIn.EnsureSuccessStatusCode();
        return (await signIn.Content.ReadFromJsonAsync<TokenResponse>())!.AccessToken;
    }

    private sealed record TokenResponse(string AccessToken);
}
