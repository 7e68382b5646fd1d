using System.Security.Claims;
using GridStream.Server.Accounts;
using GridStream.Server.Data;
using GridStream.Server.Licensing;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace GridStream.Server.Content;

internal static class GetContent
{
    /// <summary>Anyone sees a published item; its owner also sees it unpublished, with the owner's fields.</summary>
    public static async Task<Results<Ok<CatalogItem>, Ok<OwnedContent>, ProblemHttpResult>> HandleAsync(
        Guid id, ClaimsPrincipal user, GridStreamDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var item = await db.ContentItems.AsNoTracking()
            .SingleOrDefaultAsync(c => c.Id == id && c.DeletedAt == null, cancellationToken).ConfigureAwait(false);
        var isOwner = item is not null && user.Identity?.IsAuthenticated == true && item.OwnerId == user.UserId();
        if (item is null || (!item.IsPublished && !isOwner))
        {
            return OwnedContentQuery.NotFound(id);
        }

        if (isOwner)
        {
            return TypedResults.Ok(await RenditionSummaries.OwnedViewAsync(db, item, cancellationToken).ConfigureAwait(false));
        }

        bool? licensed = user.Identity?.IsAuthenticated == true
            ? await LicenseQuery.CurrentAsync(db, user.UserId(), id, clock.GetUtcNow(), cancellationToken).ConfigureAwait(false) is not null
            : null;
        return TypedResults.Ok(new CatalogItem(item.Id, item.Title, item.IsLive, item.PriceMicroCredits, item.LicenseDays, licensed));
    }
}
