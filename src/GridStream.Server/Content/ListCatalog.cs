using System.Security.Claims;
using GridStream.Server.Accounts;
using GridStream.Server.Data;
using GridStream.Server.Hosting;
using GridStream.Server.Licensing;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace GridStream.Server.Content;

internal static class ListCatalog
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 200;

    /// <summary>The public catalog: published, undeleted items, newest first, a page at a time; a signed-in caller also sees which they hold a license for.</summary>
    public static async Task<Results<Ok<CatalogPage>, ValidationProblem>> HandleAsync(
        int? page, int? pageSize, ClaimsPrincipal user, GridStreamDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var (paging, pagingProblem) = PageQuery.Read(page, pageSize, DefaultPageSize, MaxPageSize);
        if (pagingProblem is not null)
        {
            return pagingProblem;
        }

        var published = db.ContentItems.AsNoTracking().Where(c => c.IsPublished && c.DeletedAt == null);
        var total = await published.CountAsync(cancellationToken).ConfigureAwait(false);
        var items = await published
            .OrderByDescending(c => c.CreatedAt).ThenBy(c => c.Id)
            .Skip(paging.Skip).Take(paging.Size)
            .Select(c => new CatalogItem(c.Id, c.Title, c.IsLive, c.PriceMicroCredits, c.LicenseDays, null))
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        if (user.Identity?.IsAuthenticated == true && items.Count > 0)
        {
            var licensed = await LicenseQuery.LicensedAmongAsync(db, user.UserId(), [.. items.Select(i => i.Id)], clock.GetUtcNow(), cancellationToken)
                .ConfigureAwait(false);
            items = [.. items.Select(i => i with { Licensed = licensed.Contains(i.Id) })];
        }

        return TypedResults.Ok(new CatalogPage(items, paging.Number, paging.Size, total));
    }
}
