using System.Security.Claims;

namespace GridStream.Server.Accounts;

internal static class ClaimsPrincipalExtensions
{
    /// <summary>The signed-in account's id; only called behind RequireAuthorization, where it is always present.</summary>
    public static Guid UserId(this ClaimsPrincipal user) =>
        Guid.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), out var id)
            ? id
            : throw new InvalidOperationException("The request has no signed-in account.");
}
