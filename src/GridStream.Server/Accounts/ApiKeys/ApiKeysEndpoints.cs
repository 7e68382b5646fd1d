using GridStream.Domain.Accounts;

namespace GridStream.Server.Accounts.ApiKeys;

internal static class ApiKeysEndpoints
{
    public static void MapApiKeysEndpoints(this IEndpointRouteBuilder app)
    {
        var keys = app.MapGroup("/api/keys").WithTags("API keys").RequireAuthorization(Roles.Customer);
        keys.MapPost("/", CreateApiKey.HandleAsync).WithSummary("Create an API key; the secret is shown only in this response");
        keys.MapGet("/", ListApiKeys.HandleAsync).WithSummary("List your API keys (prefix and last use only)");
        keys.MapDelete("/{id:guid}", RevokeApiKey.HandleAsync).WithSummary("Revoke an API key; it stops working at once");
    }
}
