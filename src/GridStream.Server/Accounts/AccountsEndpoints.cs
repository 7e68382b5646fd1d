namespace GridStream.Server.Accounts;

internal static class AccountsEndpoints
{
    public static void MapAccountsEndpoints(this IEndpointRouteBuilder app)
    {
        var accounts = app.MapGroup("/api/accounts").WithTags("Accounts");
        accounts.MapPost("/signup", SignUp.HandleAsync).AllowAnonymous()
            .WithSummary("Create a viewer, customer or owner account");
        accounts.MapPost("/signin", SignIn.HandleAsync).AllowAnonymous()
            .WithSummary("Sign in: ?useCookies=true sets the browser cookie, otherwise returns a bearer token");
        accounts.MapPost("/refresh", RefreshToken.HandleAsync).AllowAnonymous()
            .WithSummary("Exchange a refresh token for a new bearer token");
        accounts.MapPost("/signout", SignOut.HandleAsync).RequireAuthorization()
            .WithSummary("End the browser session");

        app.MapGet("/api/me", GetMe.Handle).RequireAuthorization().WithTags("Accounts")
            .WithSummary("Who am I: id, email, roles and how I signed in");
    }
}
