using System.Security.Claims;
using GridStream.Server.Accounts;
using GridStream.Server.Data;
using Microsoft.EntityFrameworkCore;

namespace GridStream.Server.Content;

internal static class ListMyContent
{
    public static async Task<IResult> HandleAsync(ClaimsPrincipal user, GridStreamDbContext db, CancellationToken cancellationToken)
    {
        var owner = user.UserId();
        var items = await db.ContentItems.AsNoTracking()
            .Where(c => c.OwnerId == owner && c.DeletedAt == null)
            .OrderByDescending(c => c.CreatedAt)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var renditions = await RenditionSummaries.LoadAsync(db, [.. items.Select(item => item.Id)], cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(items.Select(item => OwnedContent.From(item, renditions.GetValueOrDefault(item.Id) ?? [])).ToList());
    }
}
