using GridStream.Domain.Accounts;
using GridStream.Server.Accounts.ApiKeys;
using GridStream.Server.Data;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;

namespace GridStream.Server.Hosting;

/// <summary>
/// Three ways in, one default scheme: a browser's Identity cookie, Identity's bearer token for scripts, and a customer's
/// API key (a bearer value starting with gs_). A policy scheme looks at the request and forwards to the right one.
/// </summary>
internal static class AuthenticationSetup
{
    private const string SelectorScheme = "GridStream";

    public static void AddGridStreamAuthentication(this WebApplicationBuilder builder)
    {
        builder.Services.AddDataProtection()
            .SetApplicationName("GridStream")
            .PersistKeysToDbContext<GridStreamDbContext>();

        builder.Services
            .AddIdentityApiEndpoints<GridStreamUser>(identity =>
            {
                identity.User.RequireUniqueEmail = true;
                identity.Password.RequiredLength = 8;
                identity.Password.RequireNonAlphanumeric = false;
                identity.Password.RequireUppercase = false;
                identity.Lockout.MaxFailedAccessAttempts = 10;
            })
            .AddRoles<IdentityRole<Guid>>()
            .AddEntityFrameworkStores<GridStreamDbContext>();

        builder.Services.ConfigureApplicationCookie(cookie =>
        {
            cookie.Cookie.Name = "gridstream";
            cookie.Cookie.HttpOnly = true;
            // Strict keeps the cookie off cross-site requests, which is the CSRF defence for the JSON API.
            cookie.Cookie.SameSite = SameSiteMode.Strict;
            cookie.Events.OnRedirectToLogin = context => WriteStatus(context.Response, StatusCodes.Status401Unauthorized);
            cookie.Events.OnRedirectToAccessDenied = context => WriteStatus(context.Response, StatusCodes.Status403Forbidden);
        });

        builder.Services.AddAuthentication(options =>
            {
                options.DefaultScheme = SelectorScheme;
                options.DefaultChallengeScheme = SelectorScheme;
                options.DefaultForbidScheme = SelectorScheme;
            })
            .AddPolicyScheme(SelectorScheme, "Cookie, bearer token or API key", policy =>
                policy.ForwardDefaultSelector = SchemeFor)
            .AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(
                ApiKeyAuthenticationHandler.SchemeName, displayName: "API key", configureOptions: null);

        builder.Services.Configure<BearerTokenOptions>(IdentityConstants.BearerScheme, bearer =>
            bearer.Events.OnMessageReceived = context =>
            {
                context.Token ??= HubAccessToken(context.Request);
                return Task.CompletedTask;
            });

        var authorization = builder.Services.AddAuthorizationBuilder();
        foreach (var role in Roles.All)
        {
            authorization.AddPolicy(role, policy => policy.RequireAuthenticatedUser().RequireRole(role));
        }
    }

    private static string SchemeFor(HttpContext context)
    {
        if (HubAccessToken(context.Request) is not null)
        {
            return IdentityConstants.BearerScheme;
        }

        var header = context.Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return IdentityConstants.ApplicationScheme;
        }

        return ApiKeySecret.LooksLikeApiKey(header["Bearer ".Length..].Trim())
            ? ApiKeyAuthenticationHandler.SchemeName
            : IdentityConstants.BearerScheme;
    }

    /// <summary>
    /// Browsers can't put headers on a WebSocket, so SignalR clients send the bearer token in the query string; it is
    /// accepted there for the hubs only, keeping tokens out of the access logs of every other path.
    /// </summary>
    private static string? HubAccessToken(HttpRequest request) =>
        request.Path.StartsWithSegments("/hubs") && request.Query.TryGetValue("access_token", out var token) && !string.IsNullOrEmpty(token)
            ? token.ToString()
            : null;

    private static Task WriteStatus(HttpResponse response, int status)
    {
        response.StatusCode = status;
        return Task.CompletedTask;
    }
}
