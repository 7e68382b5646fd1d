using System.Security.Claims;
using System.Text;
using GridStream.Domain.Payouts;
using GridStream.Server.Accounts;
using GridStream.Server.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace GridStream.Server.Payouts;

/// <summary>An owner's statement for one of its payouts, as JSON or (the .csv route, or Accept: text/csv) as CSV.</summary>
internal static class GetStatement
{
    public static async Task<Results<Ok<PayoutStatement>, ContentHttpResult, ProblemHttpResult>> HandleAsync(
        Guid id, HttpRequest request, ClaimsPrincipal user, GridStreamDbContext db, NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        var asCsv = request.Headers.Accept.ToString().Contains(StatementCsv.MediaType, StringComparison.OrdinalIgnoreCase);
        return await AnswerAsync(id, asCsv, user, db, dataSource, cancellationToken).ConfigureAwait(false);
    }

    public static Task<Results<Ok<PayoutStatement>, ContentHttpResult, ProblemHttpResult>> HandleCsvAsync(
        Guid id, ClaimsPrincipal user, GridStreamDbContext db, NpgsqlDataSource dataSource, CancellationToken cancellationToken) =>
        AnswerAsync(id, asCsv: true, user, db, dataSource, cancellationToken);

    private static async Task<Results<Ok<PayoutStatement>, ContentHttpResult, ProblemHttpResult>> AnswerAsync(
        Guid id, bool asCsv, ClaimsPrincipal user, GridStreamDbContext db, NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        var ownerId = user.UserId();
        // Someone else's payout answers exactly like a missing one, so ids reveal nothing.
        var payout = await db.Payouts.AsNoTracking().SingleOrDefaultAsync(p => p.Id == id && p.OwnerId == ownerId, cancellationToken).ConfigureAwait(false);
        if (payout is null)
        {
            return NoSuchPayout(id);
        }

        var statement = await StatementQuery.BuildAsync(dataSource, payout, cancellationToken).ConfigureAwait(false);
        return asCsv
            ? TypedResults.Text(StatementCsv.Write(statement), $"{StatementCsv.MediaType}; charset=utf-8", Encoding.UTF8)
            : TypedResults.Ok(statement);
    }

    public static ProblemHttpResult NoSuchPayout(Guid id) =>
        TypedResults.Problem(title: "No such payout", detail: $"There is no payout {id} of yours.", statusCode: StatusCodes.Status404NotFound);
}
