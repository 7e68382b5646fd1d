using System.Security.Claims;
using GridStream.Server.Accounts;
using GridStream.Server.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace GridStream.Server.Content;

internal static class OwnedContentQuery
{
    /// <summary>The caller's own, undeleted item; someone else's is treated as absent so ids can't be probed.</summary>
    public static Task<ContentItem?> FindAsync(GridStreamDbContext db, Guid id, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var owner = user.UserId();
        return db.ContentItems.SingleOrDefaultAsync(c => c.Id == id && c.OwnerId == owner && c.DeletedAt == null, cancellationToken);
    }

    public static ProblemHttpResult NotFound(Guid id) =>
        TypedResults.Problem(title: "No such content", detail: $"There is no content item {id} you can see.", statusCode: StatusCodes.Status404NotFound);
}
