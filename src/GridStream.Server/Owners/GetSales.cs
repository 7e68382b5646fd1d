using System.Security.Claims;
using GridStream.Domain.Owners;
using GridStream.Server.Accounts;
using GridStream.Server.Payouts;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;

namespace GridStream.Server.Owners;

/// <summary>
/// GET /api/owner/sales: licenses come from content_licenses (every sale leaves one row, even of a withdrawn item);
/// earnings from the owner's posted license.earnings transfers, so they are exactly what payouts pay from.
/// </summary>
internal static class GetSales
{
    public static async Task<Results<Ok<OwnerSales>, ValidationProblem>> HandleAsync(
        int? days, ClaimsPrincipal user, NpgsqlDataSource dataSource, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (!DaysWindow.TryRead(days, clock.GetUtcNow(), out var window, out var problem))
        {
            return problem!;
        }

        var owner = user.UserId();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var licenses = await LicensesGrantedAsync(connection, owner, window.Start, cancellationToken).ConfigureAwait(false);
        var earnings = await EarningsAsync(connection, owner, window.Start, cancellationToken).ConfigureAwait(false);
        var perDay = SalesByDay.Bucket(window, licenses, earnings);
        return TypedResults.Ok(new OwnerSales(
            window.FirstDay, window.LastDay, perDay, perDay.Sum(d => d.Licenses), perDay.Sum(d => d.EarnedMicroCredits)));
    }

    private static async Task<List<DateTimeOffset>> LicensesGrantedAsync(
        NpgsqlConnection connection, Guid owner, DateTimeOffset from, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            """
            SELECT l."GrantedAt" FROM content_licenses l JOIN content_items c ON c."Id" = l."ContentItemId"
            WHERE c."OwnerId" = @owner AND l."GrantedAt" >= @from
            """, connection);
        command.Parameters.AddWithValue("owner", owner);
        command.Parameters.AddWithValue("from", from);
        var granted = new List<DateTimeOffset>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            granted.Add(reader.GetFieldValue<DateTimeOffset>(0));
        }

        return granted;
    }

    private static async Task<List<(DateTimeOffset At, long MicroCredits)>> EarningsAsync(
        NpgsqlConnection connection, Guid owner, DateTimeOffset from, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            """
            SELECT e."CreatedAt", e."Amount"
            FROM ledger_accounts a JOIN ledger_transfers e ON e."CreditAccountId" = a."Id"
            WHERE a."OwnerId" = @owner AND a."Purpose" = 'Earnings' AND a."Currency" = 'Credits'
              AND e."Kind" = @sale AND e."State" = 'Posted' AND e."CreatedAt" >= @from
            """, connection);
        command.Parameters.AddWithValue("owner", owner);
        command.Parameters.AddWithValue("sale", PayoutKeys.SaleKind);
        command.Parameters.AddWithValue("from", from);
        var earnings = new List<(DateTimeOffset, long)>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            earnings.Add((reader.GetFieldValue<DateTimeOffset>(0), reader.GetInt64(1)));
        }

        return earnings;
    }
}
