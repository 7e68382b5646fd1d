using System.Net;
using System.Net.Http.Json;
using GridStream.Server.Tests.Infrastructure;

namespace GridStream.Server.Tests;

/// <summary>
/// Every endpoint so far, called as nobody and as each role. Add a row with each new endpoint: a missing row is an
/// endpoint whose protection nobody checked.
/// </summary>
public sealed class AuthorizationMatrixTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private const HttpStatusCode Ok = HttpStatusCode.OK;
    private const HttpStatusCode Created = HttpStatusCode.Created;
    private const HttpStatusCode NoContent = HttpStatusCode.NoContent;
    private const HttpStatusCode NotFound = HttpStatusCode.NotFound;
    private const HttpStatusCode BadRequest = HttpStatusCode.BadRequest;
    private const HttpStatusCode Unauthorized = HttpStatusCode.Unauthorized;
    private const HttpStatusCode Forbidden = HttpStatusCode.Forbidden;

    public static TheoryData<string, string, HttpStatusCode, HttpStatusCode, HttpStatusCode, HttpStatusCode, HttpStatusCode> Endpoints => new()
    {
        // method, path, anonymous, viewer, customer, owner, admin
        { "GET", "/healthz", Ok, Ok, Ok, Ok, Ok },
        { "GET", "/openapi/v1.json", Ok, Ok, Ok, Ok, Ok },
        { "GET", "/scalar/", Ok, Ok, Ok, Ok, Ok },
        { "GET", "/api/me", Unauthorized, Ok, Ok, Ok, Ok },
        { "GET", "/api/wallet", Unauthorized, Ok, Forbidden, Forbidden, Forbidden },
        { "POST", "/api/accounts/signout", Unauthorized, NoContent, NoContent, NoContent, NoContent },
        { "GET", "/api/keys", Unauthorized, Forbidden, Ok, Forbidden, Forbidden },
        { "POST", "/api/keys", Unauthorized, Forbidden, Created, Forbidden, Forbidden },
        { "DELETE", $"/api/keys/{Guid.Empty}", Unauthorized, Forbidden, NotFound, Forbidden, Forbidden },
        { "GET", "/hangfire", Unauthorized, Forbidden, Forbidden, Forbidden, Ok },
        { "GET", "/api/content", Ok, Ok, Ok, Ok, Ok },
        { "GET", $"/api/content/{Guid.Empty}", NotFound, NotFound, NotFound, NotFound, NotFound },
        { "GET", "/api/content/mine", Unauthorized, Forbidden, Forbidden, Ok, Forbidden },
        { "POST", "/api/content", Unauthorized, Forbidden, Forbidden, BadRequest, Forbidden },
        { "PUT", $"/api/content/{Guid.Empty}", Unauthorized, Forbidden, Forbidden, BadRequest, Forbidden },
        { "DELETE", $"/api/content/{Guid.Empty}", Unauthorized, Forbidden, Forbidden, NotFound, Forbidden },
        { "POST", "/hubs/peer/negotiate?negotiateVersion=1", Unauthorized, Ok, Forbidden, Forbidden, Forbidden },
        { "GET", "/api/swarms", Unauthorized, Forbidden, Forbidden, Forbidden, Ok },
        { "GET", "/api/origin/traffic", Unauthorized, Forbidden, Forbidden, Forbidden, Ok },
        { "GET", "/api/admin/broker", Unauthorized, Forbidden, Forbidden, Forbidden, Ok },
        { "GET", $"/api/content/{Guid.Empty}/segments?rendition=v0", NotFound, NotFound, NotFound, NotFound, NotFound },
        { "GET", $"/api/content/{Guid.Empty}/segments", BadRequest, BadRequest, BadRequest, BadRequest, BadRequest },
        { "GET", "/origin/demo/master.m3u8", NotFound, NotFound, NotFound, NotFound, NotFound }, // public; this host has no demo media
        { "GET", "/origin/demo/..%2Fsecret.m3u8", BadRequest, BadRequest, BadRequest, BadRequest, BadRequest },
        { "POST", $"/api/content/{Guid.Empty}/license", Unauthorized, NotFound, Forbidden, Forbidden, Forbidden },
        { "POST", $"/api/content/{Guid.Empty}/playback-token", Unauthorized, NotFound, Forbidden, Forbidden, Forbidden },
        { "GET", $"/api/content/{Guid.Empty}/playback", Unauthorized, NotFound, Forbidden, Forbidden, Forbidden },
        { "GET", "/api/licenses", Unauthorized, Ok, Forbidden, Forbidden, Forbidden },
        { "GET", "/api/payouts", Unauthorized, Forbidden, Forbidden, Ok, Forbidden },
        { "GET", $"/api/payouts/{Guid.Empty}/statement", Unauthorized, Forbidden, Forbidden, NotFound, Forbidden },
        { "GET", $"/api/payouts/{Guid.Empty}/statement.csv", Unauthorized, Forbidden, Forbidden, NotFound, Forbidden },
        { "POST", "/api/admin/payouts/run", Unauthorized, Forbidden, Forbidden, Forbidden, Ok },
        { "GET", "/api/admin/payouts?state=InTransit", Unauthorized, Forbidden, Forbidden, Forbidden, Ok },
        { "POST", $"/api/admin/payouts/{Guid.Empty}/confirm", Unauthorized, Forbidden, Forbidden, Forbidden, BadRequest },
        { "POST", $"/api/admin/payouts/{Guid.Empty}/fail", Unauthorized, Forbidden, Forbidden, Forbidden, BadRequest },
        // Owners only; this host runs without Stripe, so an owner gets the "not configured" problem.
        { "GET", "/api/owner/stripe", Unauthorized, Forbidden, Forbidden, HttpStatusCode.ServiceUnavailable, Forbidden },
        { "POST", "/api/owner/stripe/onboarding", Unauthorized, Forbidden, Forbidden, HttpStatusCode.ServiceUnavailable, Forbidden },
        { "GET", "/api/owner/sales", Unauthorized, Forbidden, Forbidden, Ok, Forbidden },
        { "GET", "/api/owner/audience", Unauthorized, Forbidden, Forbidden, Ok, Forbidden },
        { "GET", "/api/admin/reconciliation", Unauthorized, Forbidden, Forbidden, Forbidden, Ok },
        { "GET", "/api/admin/billing/usage", Unauthorized, Forbidden, Forbidden, Forbidden, Ok },
        { "POST", "/api/admin/billing/usage/relay", Unauthorized, Forbidden, Forbidden, Forbidden, Ok },
        { "GET", "/api/billing/account", Unauthorized, Forbidden, Ok, Forbidden, Forbidden },
        // Anyone may call Stripe's endpoint (the signature is the check); this host has no webhook secret.
        { "POST", "/api/billing/stripe/webhook", HttpStatusCode.ServiceUnavailable, HttpStatusCode.ServiceUnavailable,
            HttpStatusCode.ServiceUnavailable, HttpStatusCode.ServiceUnavailable, HttpStatusCode.ServiceUnavailable },
    };

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task Each_endpoint_admits_exactly_its_roles(
        string method, string path, HttpStatusCode anonymous, HttpStatusCode viewer, HttpStatusCode customer, HttpStatusCode owner, HttpStatusCode admin)
    {
        using var nobody = fixture.Server.Anonymous();
        Assert.Equal(anonymous, await StatusAsync(nobody, method, path));

        foreach (var (role, expected) in new[] { ("viewer", viewer), ("customer", customer), ("owner", owner) })
        {
            using var client = await fixture.Server.SignedUpAsync(role);
            Assert.True(expected == await StatusAsync(client, method, path), $"{method} {path} as {role}: expected {expected}");
        }

        using var administrator = await fixture.Server.AdminAsync();
        Assert.Equal(admin, await StatusAsync(administrator, method, path));
    }

    [Fact]
    public async Task An_api_key_acts_with_its_accounts_roles_only()
    {
        using var customer = await fixture.Server.SignedUpAsync("customer");
        var key = await (await customer.PostAsJsonAsync("/api/keys", new { })).Content.ReadFromJsonAsync<Secret>();
        using var script = fixture.Server.WithApiKey(key!.secret);

        Assert.Equal(Ok, await StatusAsync(script, "GET", "/api/keys"));
        Assert.Equal(Forbidden, await StatusAsync(script, "GET", "/hangfire"));
    }

    private static async Task<HttpStatusCode> StatusAsync(HttpClient client, string method, string path)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (method is "POST" or "PUT")
        {
            request.Content = JsonContent.Create(new { });
        }

        using var response = await client.SendAsync(request);
        return response.StatusCode;
    }

    private sealed record Secret(string secret);
}
