using System.Security.Claims;
using System.Text.Encodings.Web;
using GridStream.Domain.Accounts;
using GridStream.Server.Data;
using Microsoft.AspNetCore.Authentication;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace GridStream.Server.Accounts.ApiKeys;

/// <summary>
/// Accepts <c>Authorization: Bearer gs_…</c>. The key is looked up by its hash on every request, so a revoked key
/// stops working at once; roles come from the account, not the key.
/// </summary>
internal sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    GridStreamDbContext db,
    TimeProvider clock)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string KeyIdClaim = "gridstream:api_key_id";

    /// <summary>Last-use times are for humans; writing them at most once a minute keeps busy keys from writing per request.</summary>
    private static readonly TimeSpan LastUseResolution = TimeSpan.FromMinutes(1);

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var presented = BearerValue(Request.Headers.Authorization.ToString());
        if (presented is null)
        {
            return AuthenticateResult.NoResult();
        }

        if (ApiKeySecret.TryParse(presented) is not { } secret)
        {
            return AuthenticateResult.Fail("This is not a GridStream API key.");
        }

        var hash = secret.Hash();
        var key = await db.ApiKeys.AsNoTracking()
            .Where(k => k.SecretHash == hash && k.RevokedAt == null)
            .Select(k => new { k.Id, k.UserId, k.User!.Email, k.LastUsedAt })
            .SingleOrDefaultAsync(Context.RequestAborted).ConfigureAwait(false);
        if (key is null)
        {
            return AuthenticateResult.Fail("Unknown or revoked API key.");
        }

        var roles = await db.UserRoles.Where(ur => ur.UserId == key.UserId)
            .Join(db.Roles, ur => ur.RoleId, role => role.Id, (_, role) => role.Name!)
            .ToListAsync(Context.RequestAborted).ConfigureAwait(false);

        await RecordUseAsync(key.Id, key.LastUsedAt).ConfigureAwait(false);

        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, key.UserId.ToString()),
            new(ClaimTypes.Name, key.Email ?? ""),
            new(ClaimTypes.Email, key.Email ?? ""),
            new(KeyIdClaim, key.Id.ToString()),
        };
        claims.AddRange(roles.Select(role => new Claim(ClaimTypes.Role, role)));
        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName));
        return AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName));
    }

    private async Task RecordUseAsync(Guid keyId, DateTimeOffset? lastUsedAt)
    {
        var now = clock.GetUtcNow();
        if (lastUsedAt is { } last && now - last < LastUseResolution)
        {
            return;
        }

        await db.ApiKeys.Where(k => k.Id == keyId)
            .ExecuteUpdateAsync(update => update.SetProperty(k => k.LastUsedAt, now), Context.RequestAborted)
            .ConfigureAwait(false);
    }

    private static string? BearerValue(string header) =>
        header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header["Bearer ".Length..].Trim() : null;
}
