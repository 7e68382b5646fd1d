using GridStream.Domain.Accounts;
using GridStream.Server.Billing;
using GridStream.Server.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using System.Security.Claims;

namespace GridStream.Server.Accounts.ApiKeys;

public sealed record CreateApiKeyRequest(string? Name);

/// <summary>The only response that ever contains the secret.</summary>
public sealed record CreatedApiKeyResponse(Guid Id, string Name, string Prefix, string Secret, DateTimeOffset CreatedAt);

internal static class CreateApiKey
{
    public const int MaxNameLength = 100;
    public const int MaxActiveKeysPerAccount = 50;

    public static async Task<Results<Created<CreatedApiKeyResponse>, ValidationProblem, ProblemHttpResult>> HandleAsync(
        CreateApiKeyRequest? request, ClaimsPrincipal user, GridStreamDbContext db, ProvisionStripeCustomer stripeCustomers, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var name = string.IsNullOrWhiteSpace(request?.Name) ? "API key" : request.Name.Trim();
        if (name.Length > MaxNameLength)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["name"] = [$"A key's name has at most {MaxNameLength} characters."],
            });
        }

        var userId = user.UserId();
        var active = await ApiKeyQueries.CountActiveAsync(db, userId, cancellationToken).ConfigureAwait(false);
        if (active >= MaxActiveKeysPerAccount)
        {
            return TypedResults.Problem(title: "Too many API keys",
                detail: $"An account has at most {MaxActiveKeysPerAccount} active keys; revoke one first.",
                statusCode: StatusCodes.Status409Conflict);
        }

        var secret = ApiKeySecret.Generate();
        var key = new ApiKey
        {
            Id = Guid.CreateVersion7(),
            UserId = userId,
            Name = name,
            Prefix = secret.Prefix,
            SecretHash = secret.Hash(),
            CreatedAt = clock.GetUtcNow(),
        };
        db.ApiKeys.Add(key);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        await stripeCustomers.RequestAsync(userId, cancellationToken).ConfigureAwait(false);

        return TypedResults.Created($"/api/keys/{key.Id}",
            new CreatedApiKeyResponse(key.Id, key.Name, key.Prefix, secret.Value, key.CreatedAt));
    }
}
