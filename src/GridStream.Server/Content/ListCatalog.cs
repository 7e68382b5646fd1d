using GridStream.Server.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace GridStream.Server.Content;

internal static class ListCatalog
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 200;

    /// <summary>The public catalog: published, undeleted items, newest first, a page at a time.</summary>
    public static async Task<Results<Ok<CatalogPage>, ValidationProblem>> HandleAsync(
        int? page, int? pageSize, GridStreamDbContext db, CancellationToken cancellationToken)
    {
        var pageNumber = page ?? 1;
        var size = pageSize ?? DefaultPageSize;
        if (pageNumber < 1 || size < 1 || size > MaxPageSize)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                [pageNumber < 1 ? "page" : "pageSize"] = [$"page starts at 1; pageSize is between 1 and {MaxPageSize}."],
            });
        }

        var published = db.ContentItems.AsNoTracking().Where(c => c.IsPublished && c.DeletedAt == null);
        var total = await published.CountAsync(cancellationToken).ConfigureAwait(false);
        var items = await published
            .OrderByDescending(c => c.CreatedAt).ThenBy(c => c.Id)
            .Skip((pageNumber - 1) * size).Take(size)
            .Select(c => new CatalogItem(c.Id, c.Title, c.IsLive, c.PriceMicroCredits))
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(new CatalogPage(items, pageNumber, size, total));
    }
}
