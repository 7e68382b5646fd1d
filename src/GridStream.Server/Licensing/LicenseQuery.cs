using GridStream.Server.Data;
using Microsoft.EntityFrameworkCore;

namespace GridStream.Server.Licensing;

internal static class LicenseQuery
{
    /// <summary>The viewer's license for the item that allows playback now, the longest-lasting first; null when none does.</summary>
    public static Task<ContentLicense?> CurrentAsync(GridStreamDbContext db, Guid viewerId, Guid contentId, DateTimeOffset now, CancellationToken cancellationToken) =>
        db.ContentLicenses.AsNoTracking()
            .Where(l => l.ViewerId == viewerId && l.ContentItemId == contentId && (l.ExpiresAt == null || l.ExpiresAt > now))
            .OrderBy(l => l.ExpiresAt == null ? 0 : 1).ThenByDescending(l => l.ExpiresAt)
            .FirstOrDefaultAsync(cancellationToken);

    /// <summary>Which of these items the viewer may play under a current license (for the catalog's "licensed" mark).</summary>
    public static async Task<HashSet<Guid>> LicensedAmongAsync(
        GridStreamDbContext db, Guid viewerId, IReadOnlyCollection<Guid> contentIds, DateTimeOffset now, CancellationToken cancellationToken) =>
        (await db.ContentLicenses.AsNoTracking()
            .Where(l => l.ViewerId == viewerId && contentIds.Contains(l.ContentItemId) && (l.ExpiresAt == null || l.ExpiresAt > now))
            .Select(l => l.ContentItemId).Distinct()
            .ToListAsync(cancellationToken).ConfigureAwait(false)).ToHashSet();

    public static Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult NoSuchContent(Guid id) =>
        TypedResults.Problem(title: "No such content", detail: $"There is no published content item {id}.", statusCode: StatusCodes.Status404NotFound);
}
