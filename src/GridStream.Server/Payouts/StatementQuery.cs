using GridStream.Domain.Payouts;
using GridStream.Server.Data;
using Npgsql;

namespace GridStream.Server.Payouts;

/// <summary>
/// Builds a payout's statement from the ledger: its sales are the owner's license.earnings transfers in the payout's
/// range, each joined to its license row (reference = license id) and to the license.fee transfer of the same
/// purchase (key <c>{paymentKey}:fee</c> next to <c>{paymentKey}:owner</c>, found through the unique key index).
/// </summary>
internal static class StatementQuery
{
    public static async Task<PayoutStatement> BuildAsync(NpgsqlDataSource dataSource, Payout payout, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            """
            SELECT e."CreatedAt", COALESCE(c."Title", ''), e."Reference",
                   COALESCE(l."PricePaidMicroCredits", e."Amount" + COALESCE(f."Amount", 0)), COALESCE(f."Amount", 0), e."Amount"
            FROM ledger_accounts a
            JOIN ledger_transfers e ON e."CreditAccountId" = a."Id" AND e."Currency" = 'Credits'
            LEFT JOIN content_licenses l
              ON l."Id" = CASE WHEN e."Reference" ~* '^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$' THEN e."Reference"::uuid END
            LEFT JOIN content_items c ON c."Id" = l."ContentItemId"
            LEFT JOIN ledger_transfers f
              ON f."IdempotencyKey" = left(e."IdempotencyKey", -length(':owner')) || ':fee'
             AND f."Kind" = @fee AND f."Reference" IS NOT DISTINCT FROM e."Reference" AND f."State" = 'Posted'
            WHERE a."OwnerId" = @owner AND a."Purpose" = 'Earnings' AND a."Currency" = 'Credits'
              AND e."Id" > @after AND e."Id" <= @through AND e."Kind" = @sale AND e."State" = 'Posted'
            ORDER BY e."Id"
            """);
        command.Parameters.AddWithValue("owner", payout.OwnerId);
        command.Parameters.AddWithValue("after", payout.SalesAfterTransferId);
        command.Parameters.AddWithValue("through", payout.SalesThroughTransferId);
        command.Parameters.AddWithValue("sale", PayoutKeys.SaleKind);
        command.Parameters.AddWithValue("fee", PayoutKeys.FeeKind);
        var lines = new List<StatementLine>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var licenseId = !reader.IsDBNull(2) && Guid.TryParse(reader.GetString(2), out var parsed) ? parsed : Guid.Empty;
                lines.Add(new StatementLine(
                    reader.GetFieldValue<DateTimeOffset>(0), reader.GetString(1), licenseId, reader.GetInt64(3), reader.GetInt64(4), reader.GetInt64(5)));
            }
        }

        return new PayoutStatement(
            payout.Id, payout.OwnerId, payout.PeriodStart, payout.PeriodEnd, payout.State, payout.Gateway, payout.ExternalReference,
            payout.FailureReason, PayoutKeys.Credits(payout.Id), lines, StatementTotals.Of(lines), payout.BroughtForwardMicroCredits,
            payout.CreditsConvertedMicroCredits, payout.CarriedForwardMicroCredits, payout.MicroCreditsPerCent, payout.Cents,
            Dollars.FromCents(payout.Cents));
    }
}
