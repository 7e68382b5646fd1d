using System.Security.Claims;
using GridStream.Server.Accounts;
using GridStream.Server.Data;
using GridStream.Server.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace GridStream.Server.Licensing;

public sealed record LicensePage(IReadOnlyList<LicenseView> Items, int Page, int PageSize, int Total);

internal static class ListLicenses
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 200;

    /// <summary>The caller's own licenses, current and expired, newest first.</summary>
    public static async Task<Results<Ok<LicensePage>, ValidationProblem>> HandleAsync(
        int? page, int? pageSize, ClaimsPrincipal user, GridStreamDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var (paging, pagingProblem) = PageQuery.Read(page, pageSize, DefaultPageSize, MaxPageSize);
        if (pagingProblem is not null)
        {
            return pagingProblem;
        }

        var viewerId = user.UserId();
        var now = clock.GetUtcNow();
        var mine = db.ContentLicenses.AsNoTracking().Where(l => l.ViewerId == viewerId);
        var total = await mine.CountAsync(cancellationToken).ConfigureAwait(false);
        var rows = await mine
            .OrderByDescending(l => l.GrantedAt).ThenBy(l => l.Id)
            .Skip(paging.Skip).Take(paging.Size)
            .Join(db.ContentItems, l => l.ContentItemId, c => c.Id, (l, c) => new { License = l, c.Title })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(new LicensePage([.. rows.Select(r => LicenseView.From(r.License, r.Title, now))], paging.Number, paging.Size, total));
    }
}
