using System.Security.Claims;
using GridStream.Server.Accounts.ApiKeys;

namespace GridStream.Server.Accounts;

public sealed record MeResponse(Guid Id, string Email, IReadOnlyList<string> Roles, string SignedInWith);

internal static class GetMe
{
    public static IResult Handle(HttpContext context)
    {
        var user = context.User;
        return TypedResults.Ok(new MeResponse(
            user.UserId(),
            user.FindFirstValue(ClaimTypes.Email) ?? user.Identity?.Name ?? "",
            user.FindAll(ClaimTypes.Role).Select(claim => claim.Value).Order(StringComparer.Ordinal).ToList(),
            SignedInWith(context)));
    }

    /// <summary>Identity's cookie and bearer tickets carry the same identity type, so the request itself tells them apart.</summary>
    private static string SignedInWith(HttpContext context) =>
        context.User.HasClaim(claim => claim.Type == ApiKeyAuthenticationHandler.KeyIdClaim) ? "api-key"
        : context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? "bearer"
        : "cookie";
}
