using GridStream.Domain.Payouts;
using GridStream.Server.Data;
using GridStream.Server.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace GridStream.Server.Payouts;

/// <summary>Every owner's payouts for admins, newest first, optionally in one state (InTransit: what awaits confirmation).</summary>
internal static class ListAllPayouts
{
    public static async Task<Results<Ok<PayoutPage>, ValidationProblem>> HandleAsync(
        string? state, int? page, int? pageSize, GridStreamDbContext db, CancellationToken cancellationToken)
    {
        var (paging, pagingProblem) = PageQuery.Read(page, pageSize, ListPayouts.DefaultPageSize, ListPayouts.MaxPageSize);
        PayoutState? wanted = null;
        if (state is not null)
        {
            if (!Enum.TryParse<PayoutState>(state, ignoreCase: true, out var parsed) || !Enum.IsDefined(parsed) || int.TryParse(state, out _))
            {
                return TypedResults.ValidationProblem(new Dictionary<string, string[]>
                {
                    ["state"] = [$"state is one of {string.Join(", ", Enum.GetNames<PayoutState>())}."],
                });
            }

            wanted = parsed;
        }

        if (pagingProblem is not null)
        {
            return pagingProblem;
        }

        var payouts = db.Payouts.AsNoTracking();
        if (wanted is { } only)
        {
            payouts = payouts.Where(p => p.State == only);
        }

        var total = await payouts.CountAsync(cancellationToken).ConfigureAwait(false);
        var rows = await payouts.OrderByDescending(p => p.CreatedAt).ThenByDescending(p => p.Id)
            .Skip(paging.Skip).Take(paging.Size).ToListAsync(cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(new PayoutPage([.. rows.Select(PayoutView.From)], paging.Number, paging.Size, total));
    }
}
