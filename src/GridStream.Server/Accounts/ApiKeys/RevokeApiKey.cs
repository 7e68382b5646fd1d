using System.Security.Claims;
using GridStream.Server.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace GridStream.Server.Accounts.ApiKeys;

internal static class RevokeApiKey
{
    /// <summary>Revoking twice is fine; a key that isn't the caller's is reported as missing, so ids can't be probed.</summary>
    public static async Task<Results<NoContent, ProblemHttpResult>> HandleAsync(
        Guid id, ClaimsPrincipal user, GridStreamDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var userId = user.UserId();
        var owned = await db.ApiKeys.AnyAsync(k => k.Id == id && k.UserId == userId, cancellationToken).ConfigureAwait(false);
        if (!owned)
        {
            return TypedResults.Problem(title: "No such API key", detail: $"You have no API key {id}.", statusCode: StatusCodes.Status404NotFound);
        }

        var now = clock.GetUtcNow();
        await db.ApiKeys.Where(k => k.Id == id && k.RevokedAt == null)
            .ExecuteUpdateAsync(update => update.SetProperty(k => k.RevokedAt, now), cancellationToken)
            .ConfigureAwait(false);
        return TypedResults.NoContent();
    }
}
