using System.Net;
using System.Net.Http.Json;
using GridStream.Server.Tests.Infrastructure;

namespace GridStream.Server.Tests;

public sealed class AccountsTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private GridStreamFactory Server => fixture.Server;

    [Theory]
    [InlineData("viewer")]
    [InlineData("customer")]
    [InlineData("owner")]
    public async Task Each_role_can_sign_up_and_sign_in_with_a_bearer_token(string role)
    {
        using var client = await Server.SignedUpAsync(role);

        var me = await client.GetFromJsonAsync<Me>("/api/me");

        Assert.Equal([role], me!.Roles);
        Assert.Equal("bearer", me.SignedInWith);
        Assert.StartsWith(role + "-", me.Email, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_browser_signs_in_with_a_cookie_and_out_again()
    {
        var email = $"cookie-{Guid.NewGuid():N}@gridstream.test";
        using var browser = Server.WithCookies();
        (await browser.PostAsJsonAsync("/api/accounts/signup", new { email, password = "correct-horse-1", role = "viewer" })).EnsureSuccessStatusCode();

        var signIn = await browser.PostAsJsonAsync("/api/accounts/signin?useCookies=true", new { email, password = "correct-horse-1" });
        Assert.Equal(HttpStatusCode.OK, signIn.StatusCode);
        Assert.Contains(signIn.Headers.GetValues("Set-Cookie"), cookie => cookie.StartsWith("gridstream=", StringComparison.Ordinal));

        var me = await browser.GetFromJsonAsync<Me>("/api/me");
        Assert.Equal("cookie", me!.SignedInWith);
        Assert.Equal(email, me.Email);

        (await browser.PostAsync("/api/accounts/signout", null)).EnsureSuccessStatusCode();
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.GetAsync("/api/me")).StatusCode);
    }

    [Fact]
    public async Task Nobody_can_sign_up_as_admin()
    {
        using var client = Server.Anonymous();

        var response = await client.PostAsJsonAsync("/api/accounts/signup",
            new { email = "sneaky@gridstream.test", password = "correct-horse-1", role = "admin" });

        var problem = await Problems.ReadValidationAsync(response);
        Assert.Contains("role", problem.Errors.Keys);
    }

    [Fact]
    public async Task Sign_up_errors_name_the_field()
    {
        using var client = Server.Anonymous();

        var badEmail = await Problems.ReadValidationAsync(await client.PostAsJsonAsync("/api/accounts/signup",
            new { email = "not-an-email", password = "correct-horse-1", role = "viewer" }));
        var shortPassword = await Problems.ReadValidationAsync(await client.PostAsJsonAsync("/api/accounts/signup",
            new { email = "short@gridstream.test", password = "abc1", role = "viewer" }));
        var nothing = await Problems.ReadValidationAsync(await client.PostAsJsonAsync("/api/accounts/signup", new { }));

        Assert.Equal(["email"], badEmail.Errors.Keys);
        Assert.Equal(["password"], shortPassword.Errors.Keys);
        Assert.Equal(["email", "password", "role"], nothing.Errors.Keys.Order());
    }

    [Fact]
    public async Task An_email_can_sign_up_only_once()
    {
        using var client = Server.Anonymous();
        var request = new { email = $"twice-{Guid.NewGuid():N}@gridstream.test", password = "correct-horse-1", role = "owner" };
        (await client.PostAsJsonAsync("/api/accounts/signup", request)).EnsureSuccessStatusCode();

        var second = await Problems.ReadValidationAsync(await client.PostAsJsonAsync("/api/accounts/signup", request));

        Assert.Contains("email", second.Errors.Keys);
    }

    [Fact]
    public async Task A_wrong_password_is_a_401_problem()
    {
        using var client = await Server.SignedUpAsync("viewer");
        var me = await client.GetFromJsonAsync<Me>("/api/me");
        using var anonymous = Server.Anonymous();

        var response = await anonymous.PostAsJsonAsync("/api/accounts/signin", new { email = me!.Email, password = "wrong-password" });

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_refresh_token_buys_a_new_access_token()
    {
        var email = $"refresh-{Guid.NewGuid():N}@gridstream.test";
        using var anonymous = Server.Anonymous();
        (await anonymous.PostAsJsonAsync("/api/accounts/signup", new { email, password = "correct-horse-1", role = "customer" })).EnsureSuccessStatusCode();
        var tokens = await (await anonymous.PostAsJsonAsync("/api/accounts/signin", new { email, password = "correct-horse-1" }))
            .Content.ReadFromJsonAsync<GridStreamFactory.TokenResponse>();

        var refreshed = await anonymous.PostAsJsonAsync("/api/accounts/refresh", new { refreshToken = tokens!.RefreshToken });
        var forged = await anonymous.PostAsJsonAsync("/api/accounts/refresh", new { refreshToken = "forged" });

        Assert.Equal(HttpStatusCode.OK, refreshed.StatusCode);
        Assert.False(string.IsNullOrEmpty((await refreshed.Content.ReadFromJsonAsync<GridStreamFactory.TokenResponse>())!.AccessToken));
        Assert.Equal(HttpStatusCode.Unauthorized, forged.StatusCode);
    }

    [Fact]
    public async Task The_first_admin_comes_from_configuration()
    {
        using var admin = await Server.AdminAsync();

        var me = await admin.GetFromJsonAsync<Me>("/api/me");

        Assert.Equal([ "admin" ], me!.Roles);
        Assert.Equal(GridStreamFactory.AdminEmail, me.Email);
    }
}

public sealed record Me(Guid Id, string Email, string[] Roles, string SignedInWith);
