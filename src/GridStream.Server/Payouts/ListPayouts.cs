using System.Security.Claims;
using GridStream.Server.Accounts;
using GridStream.Server.Data;
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
        var pageNumber = page ?? 1;
        var size = pageSize ?? DefaultPageSize;
        if (pageNumber < 1 || size < 1 || size > MaxPageSize)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                [pageNumber < 1 ? "page" : "pageSize"] = [$"page starts at 1; pageSize is between 1 and {MaxPageSize}."],
            });
        }

        var ownerId = user.UserId();
        var mine = db.Payouts.AsNoTracking().Where(p => p.OwnerId == ownerId);
        var total = await mine.CountAsync(cancellationToken).ConfigureAwait(false);
        var rows = await mine.OrderByDescending(p => p.CreatedAt).ThenByDescending(p => p.Id)
            .Skip((pageNumber - 1) * size).Take(size).ToListAsync(cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(new PayoutPage([.. rows.Select(PayoutView.From)], pageNumber, size, total));
    }
}
