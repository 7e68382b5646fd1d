using GridStream.Server.Data;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace GridStream.Server.Accounts;

public sealed record RefreshRequest(string? RefreshToken);

/// <summary>Trades a refresh token for a new bearer token, as long as the account's security stamp hasn't changed.</summary>
internal static class RefreshToken
{
    public static async Task<Results<SignInHttpResult, ProblemHttpResult>> HandleAsync(
        RefreshRequest request,
        SignInManager<GridStreamUser> signIn,
        IOptionsMonitor<BearerTokenOptions> bearerOptions,
        TimeProvider clock)
    {
        var protector = bearerOptions.Get(IdentityConstants.BearerScheme).RefreshTokenProtector;
        var ticket = string.IsNullOrEmpty(request.RefreshToken) ? null : protector.Unprotect(request.RefreshToken);
        if (ticket?.Properties.ExpiresUtc is not { } expires
            || clock.GetUtcNow() >= expires
            || await signIn.ValidateSecurityStampAsync(ticket.Principal).ConfigureAwait(false) is not { } user)
        {
            return TypedResults.Problem(title: "Refresh failed", detail: "The refresh token is invalid or has expired; sign in again.",
                statusCode: StatusCodes.Status401Unauthorized);
        }

        var principal = await signIn.CreateUserPrincipalAsync(user).ConfigureAwait(false);
        return TypedResults.SignIn(principal, authenticationScheme: IdentityConstants.BearerScheme);
    }
}
