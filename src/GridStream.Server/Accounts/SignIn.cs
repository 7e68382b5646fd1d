using GridStream.Server.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;

namespace GridStream.Server.Accounts;

public sealed record SignInRequest(string? Email, string? Password);

/// <summary>
/// Identity's sign-in: with <c>?useCookies=true</c> a browser gets the session cookie; otherwise a script gets
/// Identity's bearer token and refresh token.
/// </summary>
internal static class SignIn
{
    public static async Task<Results<EmptyHttpResult, ProblemHttpResult, ValidationProblem>> HandleAsync(
        SignInRequest request, bool? useCookies, SignInManager<GridStreamUser> signIn)
    {
        if (string.IsNullOrWhiteSpace(request.Email) || string.IsNullOrEmpty(request.Password))
        {
            var errors = new Dictionary<string, string[]>();
            if (string.IsNullOrWhiteSpace(request.Email)) { errors["email"] = ["An email address is required."]; }
            if (string.IsNullOrEmpty(request.Password)) { errors["password"] = ["A password is required."]; }
            return TypedResults.ValidationProblem(errors);
        }

        signIn.AuthenticationScheme = useCookies == true ? IdentityConstants.ApplicationScheme : IdentityConstants.BearerScheme;
        var result = await signIn.PasswordSignInAsync(request.Email.Trim(), request.Password, isPersistent: true, lockoutOnFailure: true)
            .ConfigureAwait(false);
        if (result.Succeeded)
        {
            // The sign-in handler has already written the cookie or the token response.
            return TypedResults.Empty;
        }

        return TypedResults.Problem(
            title: "Sign-in failed",
            detail: result.IsLockedOut ? "Too many failed attempts; try again in a few minutes." : "Wrong email or password.",
            statusCode: StatusCodes.Status401Unauthorized);
    }
}
