using GridStream.Server.Data;
using Microsoft.AspNetCore.Identity;

namespace GridStream.Server.Accounts;

/// <summary>Ends a browser session. Bearer tokens simply expire; API keys are revoked instead.</summary>
internal static class SignOut
{
    public static async Task<IResult> HandleAsync(SignInManager<GridStreamUser> signIn)
    {
        await signIn.SignOutAsync().ConfigureAwait(false);
        return TypedResults.NoContent();
    }
}
