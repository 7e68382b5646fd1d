using System.Security.Claims;
using GridStream.Domain.Licensing;
using GridStream.Server.Accounts;
using GridStream.Server.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace GridStream.Server.Licensing;

/// <summary>
/// A short-lived token that lets the caller fetch an item's segments from the origin and join its swarm. Free items
/// and one's own get one for the asking; priced items only under a current license, and never past its end.
/// Players ask again before it expires.
/// </summary>
internal static class IssuePlaybackToken
{
    public static async Task<Results<Ok<PlaybackTokenView>, ProblemHttpResult>> HandleAsync(
        Guid id, ClaimsPrincipal user, GridStreamDbContext db, PlaybackGate gate, TimeProvider clock, CancellationToken cancellationToken)
    {
        var viewerId = user.UserId();
        var item = await db.ContentItems.AsNoTracking()
            .Where(c => c.Id == id && c.DeletedAt == null && (c.IsPublished || c.OwnerId == viewerId))
            .Select(c => new { c.OwnerId, c.PriceMicroCredits })
            .SingleOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        if (item is null)
        {
            return LicenseQuery.NoSuchContent(id);
        }

        var isOwner = item.OwnerId == viewerId;
        var license = item.PriceMicroCredits > 0 && !isOwner
            ? await LicenseQuery.CurrentAsync(db, viewerId, id, clock.GetUtcNow(), cancellationToken).ConfigureAwait(false)
            : null;
        if (!LicenseTerms.MayPlay(item.PriceMicroCredits, isOwner, license is not null))
        {
            return TypedResults.Problem(title: "No license",
                detail: $"This content costs {item.PriceMicroCredits} micro-credits: buy a license (POST /api/content/{id}/license) first, or again if yours has expired.",
                statusCode: StatusCodes.Status403Forbidden);
        }

        return TypedResults.Ok(await gate.IssueAsync(viewerId, id, item.PriceMicroCredits > 0, license?.ExpiresAt, cancellationToken).ConfigureAwait(false));
    }
}
