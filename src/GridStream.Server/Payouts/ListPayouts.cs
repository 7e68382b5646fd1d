using System.Security.Claims;
using GridStream.Server.Accounts;
using GridStream.Server.Data;
using GridStream.Server.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace GridStream.Server.Payouts;

internal static class ListPayouts
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 200;

    /// <summary>The caller's own payouts, newest first.</summary>
    public static async Task<Results<Ok<PayoutPage>, ValidationProblem>> HandleAsync(
        int? page, int? pageSize, ClaimsPrincipal user, GridStreamDbContext db, CancellationToken cancellationToken)
    {
        var (paging, pagingProblem) = PageQuery.Read(page, pageSize, DefaultPageSize, MaxPageSize);
        if (pagingProblem is not null)
        {
            return pagingProblem;
        }

        var ownerId = user.UserId();
        var mine = db.Payouts.AsNoTracking().Where(p => p.OwnerId == ownerId);
        var total = await mine.CountAsync(cancellationToken).ConfigureAwait(false);
        var rows = await mine.OrderByDescending(p => p.CreatedAt).ThenByDescending(p => p.Id)
            .Skip(paging.Skip).Take(paging.Size).ToListAsync(cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(new PayoutPage([.. rows.Select(PayoutView.From)], paging.Number, paging.Size, total));
    }
}
