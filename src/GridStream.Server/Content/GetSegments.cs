using System.Security.Claims;
using GridStream.Server.Accounts;
using GridStream.Server.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace GridStream.Server.Content;

internal static class GetSegments
{
    public const int DefaultCount = 100;
    public const int MaxCount = 500;

    /// <summary>
    /// A page of one rendition's segment manifest, from sequence <paramref name="from"/> on: anyone may read it for a
    /// published item (peers check every segment they get from another peer against it), its owner always.
    /// </summary>
    public static async Task<Results<Ok<SegmentPage>, ValidationProblem, ProblemHttpResult>> HandleAsync(
        Guid id, string? rendition, long? from, int? count, ClaimsPrincipal user, GridStreamDbContext db, CancellationToken cancellationToken)
    {
        var size = count ?? DefaultCount;
        if (string.IsNullOrWhiteSpace(rendition) || size < 1 || size > MaxCount || from < 0)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                [string.IsNullOrWhiteSpace(rendition) ? "rendition" : from < 0 ? "from" : "count"] =
                    [$"Name a rendition; from is a sequence number of at least 0; count is between 1 and {MaxCount}."],
            });
        }

        var item = await db.ContentItems.AsNoTracking()
            .SingleOrDefaultAsync(c => c.Id == id && c.DeletedAt == null, cancellationToken).ConfigureAwait(false);
        var isOwner = item is not null && user.Identity?.IsAuthenticated == true && item.OwnerId == user.UserId();
        if (item is null || (!item.IsPublished && !isOwner))
        {
            return OwnedContentQuery.NotFound(id);
        }

        var found = await db.Renditions.AsNoTracking()
            .SingleOrDefaultAsync(r => r.ContentItemId == id && r.Name == rendition, cancellationToken).ConfigureAwait(false);
        if (found is null)
        {
            return TypedResults.Problem(
                title: "No such rendition", detail: $"Content item {id} has no rendition named '{rendition}' (yet).", statusCode: StatusCodes.Status404NotFound);
        }

        var start = from ?? 0;
        var rows = await db.ManifestSegments.AsNoTracking()
            .Where(s => s.RenditionId == found.Id && s.Sequence >= start)
            .OrderBy(s => s.Sequence).Take(size)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var segments = rows.Select(s => new SegmentEntry(s.Sequence, s.DurationMs, s.Url, Convert.ToHexStringLower(s.Sha256))).ToList();
        return TypedResults.Ok(new SegmentPage(id, found.Name, found.IsLive, found.HasEnded, found.TargetDurationMs, segments));
    }
}
