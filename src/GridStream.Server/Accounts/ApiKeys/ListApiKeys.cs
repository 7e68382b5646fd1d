using System.Security.Claims;
using GridStream.Server.Data;
using Microsoft.EntityFrameworkCore;

namespace GridStream.Server.Accounts.ApiKeys;

public sealed record ApiKeySummary(Guid Id, string Name, string Prefix, DateTimeOffset CreatedAt, DateTimeOffset? LastUsedAt, DateTimeOffset? RevokedAt);

internal static class ListApiKeys
{
    public static async Task<IResult> HandleAsync(ClaimsPrincipal user, GridStreamDbContext db, CancellationToken cancellationToken)
    {
        var userId = user.UserId();
        var keys = await db.ApiKeys.AsNoTracking()
            .Where(k => k.UserId == userId)
            .OrderByDescending(k => k.CreatedAt)
            .Select(k => new ApiKeySummary(k.Id, k.Name, k.Prefix, k.CreatedAt, k.LastUsedAt, k.RevokedAt))
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(keys);
    }
}
