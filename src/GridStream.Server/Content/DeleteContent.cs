using System.Security.Claims;
using GridStream.Server.Data;
using Microsoft.AspNetCore.Http.HttpResults;

namespace GridStream.Server.Content;

internal static class DeleteContent
{
    /// <summary>Takes the item out of the catalog for good; the row stays so past sales keep their meaning.</summary>
    public static async Task<Results<NoContent, ProblemHttpResult>> HandleAsync(
        Guid id, ClaimsPrincipal user, GridStreamDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var item = await OwnedContentQuery.FindAsync(db, id, user, cancellationToken).ConfigureAwait(false);
        if (item is null)
        {
            return OwnedContentQuery.NotFound(id);
        }

        item.DeletedAt = clock.GetUtcNow();
        item.IsPublished = false;
        item.UpdatedAt = item.DeletedAt.Value;
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        return TypedResults.NoContent();
    }
}
