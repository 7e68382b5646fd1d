using Npgsql;

namespace GridStream.Server.Payouts;

/// <summary>The reconciliation report's SQL: aggregates over the ledger and the compute tables, and anti-joins for unmatched rows.</summary>
internal static class ReconciliationQueries
{
    public sealed record Flows(
        long Issued, long Spent, long Wallets, long Earned, long Paid, long InTransit, long Outstanding,
        long UsageTransfers, long AcceptedUnitsTimesPrice, long UsageRows);

    /// <summary>A reference that is a uuid (license ids), else NULL: joins on it never fail on a stray text.</summary>
    private const string UuidReference =
        """CASE WHEN t."Reference" ~* '^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$' THEN t."Reference"::uuid END""";

    public static async Task<Flows> FlowsAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        // A posted payout.credits row is always the resolution of a pending one; in transit = pending − resolved.
        // Paid is net of Stripe reversals (payout.credits.reversed gives the credits back to the owner's earnings).
        await using var command = new NpgsqlCommand(
            """
            SELECT
              COALESCE(sum("Amount") FILTER (WHERE "Kind" = 'compute.credit' AND "Currency" = 'Credits' AND "State" = 'Posted'), 0)::bigint,
              COALESCE(sum("Amount") FILTER (WHERE "Kind" = 'license.purchase' AND "Currency" = 'Credits' AND "State" = 'Posted'), 0)::bigint,
              COALESCE(sum("Amount") FILTER (WHERE "Kind" = 'license.earnings' AND "Currency" = 'Credits' AND "State" = 'Posted'), 0)::bigint,
              COALESCE(sum("Amount") FILTER (WHERE "Kind" = 'payout.credits' AND "Currency" = 'Credits' AND "State" = 'Posted'), 0)::bigint
                - COALESCE(sum("Amount") FILTER (WHERE "Kind" = 'payout.credits.reversed' AND "Currency" = 'Credits' AND "State" = 'Posted'), 0)::bigint,
              COALESCE(sum("Amount") FILTER (WHERE "Kind" = 'payout.credits' AND "Currency" = 'Credits' AND "State" = 'Pending'), 0)::bigint
                - COALESCE(sum("Amount") FILTER (WHERE "Kind" = 'payout.credits' AND "Currency" = 'Credits' AND "PendingTransferId" IS NOT NULL), 0)::bigint,
              COALESCE(sum("Amount") FILTER (WHERE "Kind" = 'compute.usage' AND "Currency" = 'Usd' AND "State" = 'Posted'), 0)::bigint
            FROM ledger_transfers;

            SELECT
              COALESCE(sum("CreditsPosted" - "DebitsPosted") FILTER (WHERE "Purpose" = 'Wallet' AND "Currency" = 'Credits'), 0)::bigint,
              COALESCE(sum("CreditsPosted" - "DebitsPosted" - "DebitsPending") FILTER (WHERE "Purpose" = 'Earnings' AND "Currency" = 'Credits'), 0)::bigint
            FROM ledger_accounts;

            SELECT COALESCE(sum(j."PriceCentsPerUnit"), 0)::bigint
            FROM work_units u JOIN compute_jobs j ON j."Id" = u."JobId" WHERE u."State" = 'Accepted';

            SELECT COALESCE(sum("AmountCents"), 0)::bigint FROM compute_usage;
            """, connection, transaction);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        var (issued, spent, earned, paid, inTransit, usage) =
            (reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3), reader.GetInt64(4), reader.GetInt64(5));
        await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
        await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        var (wallets, outstanding) = (reader.GetInt64(0), reader.GetInt64(1));
        await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
        await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        var unitsTimesPrice = reader.GetInt64(0);
        await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
        await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        return new Flows(issued, spent, wallets, earned, paid, inTransit, outstanding, usage, unitsTimesPrice, reader.GetInt64(0));
    }

    public static async Task<List<CurrencyTotals>> CurrenciesAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            """
            SELECT a."Currency", a.accounts, COALESCE(t.transfers, 0), a.debits, a.credits, a.debits_pending, a.credits_pending
            FROM (SELECT "Currency", count(*) AS accounts, sum("DebitsPosted")::bigint AS debits, sum("CreditsPosted")::bigint AS credits,
                         sum("DebitsPending")::bigint AS debits_pending, sum("CreditsPending")::bigint AS credits_pending
                  FROM ledger_accounts GROUP BY "Currency") a
            LEFT JOIN (SELECT "Currency", count(*) AS transfers FROM ledger_transfers GROUP BY "Currency") t ON t."Currency" = a."Currency"
            ORDER BY a."Currency"
            """, connection, transaction);
        var totals = new List<CurrencyTotals>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            totals.Add(new CurrencyTotals(reader.GetString(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3), reader.GetInt64(4),
                reader.GetInt64(5), reader.GetInt64(6)));
        }

        return totals;
    }

    /// <summary>Each kind lists its first <paramref name="limit"/> rows; the window count says how many there are in all.</summary>
    public static async Task<(long Count, List<UnmatchedRow> Rows)> UnmatchedAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, int limit, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            $"""
            WITH unmatched AS (
              SELECT 'accepted-unit-without-usage' AS kind, u."Id"::text AS reference, j."PriceCentsPerUnit" AS amount,
                     'An accepted unit with a price has no compute.usage transfer.' AS problem, u."Id" AS sort
              FROM work_units u JOIN compute_jobs j ON j."Id" = u."JobId"
              WHERE u."State" = 'Accepted' AND j."PriceCentsPerUnit" > 0
                AND NOT EXISTS (SELECT 1 FROM compute_usage r JOIN ledger_transfers t ON t."IdempotencyKey" = r."TransferKey"
                                WHERE r."UnitId" = u."Id" AND t."Kind" = 'compute.usage')
              UNION ALL
              SELECT 'usage-row-without-transfer', r."UnitId"::text, r."AmountCents", 'A compute_usage row names no compute.usage transfer.', r."UnitId"
              FROM compute_usage r
              WHERE r."AmountCents" > 0
                AND NOT EXISTS (SELECT 1 FROM ledger_transfers t WHERE t."IdempotencyKey" = r."TransferKey" AND t."Kind" = 'compute.usage')
              UNION ALL
              SELECT 'usage-transfer-not-its-rows', t."IdempotencyKey", t."Amount",
                     'A compute.usage transfer is not the sum of the usage rows booked under its key.', t."Id"
              FROM ledger_transfers t
              LEFT JOIN (SELECT "TransferKey", sum("AmountCents")::bigint AS cents FROM compute_usage GROUP BY 1) rows ON rows."TransferKey" = t."IdempotencyKey"
              WHERE t."Kind" = 'compute.usage' AND t."State" = 'Posted' AND t."Amount" IS DISTINCT FROM rows.cents
              UNION ALL
              SELECT 'credit-transfer-not-its-rows', t."IdempotencyKey", t."Amount",
                     'A compute.credit transfer is not the sum of the validated replicas'' earnings booked under its key.', t."Id"
              FROM ledger_transfers t
              LEFT JOIN (SELECT "TransferKey", sum("MicroCredits")::bigint AS credits FROM compute_earnings GROUP BY 1) rows ON rows."TransferKey" = t."IdempotencyKey"
              WHERE t."Kind" = 'compute.credit' AND t."State" = 'Posted' AND t."Amount" IS DISTINCT FROM rows.credits
              UNION ALL
              SELECT 'earning-row-without-credit', e."ReplicaId"::text, e."MicroCredits", 'A validated replica''s earning names no compute.credit transfer.', e."ReplicaId"
              FROM compute_earnings e
              WHERE NOT EXISTS (SELECT 1 FROM ledger_transfers t WHERE t."IdempotencyKey" = e."TransferKey" AND t."Kind" = 'compute.credit')
              UNION ALL
              SELECT 'sale-without-license', t."IdempotencyKey", t."Amount", 'A license.earnings transfer names no license.', t."Id"
              FROM ledger_transfers t
              WHERE t."Kind" = 'license.earnings' AND t."State" = 'Posted'
                AND NOT EXISTS (SELECT 1 FROM content_licenses l WHERE l."Id" = {UuidReference})
              UNION ALL
              SELECT 'payout-without-transfers', p."Id"::text, p."Cents", 'A payout has no pending payout.credits or payout.usd transfer.', 0
              FROM payouts p
              WHERE NOT EXISTS (SELECT 1 FROM ledger_transfers t WHERE t."IdempotencyKey" = 'payout:' || p."Id" || ':credits' AND t."State" = 'Pending')
                 OR NOT EXISTS (SELECT 1 FROM ledger_transfers t WHERE t."IdempotencyKey" = 'payout:' || p."Id" || ':usd' AND t."State" = 'Pending')
            ), ranked AS (
              SELECT *, row_number() OVER (PARTITION BY kind ORDER BY sort) AS n, count(*) OVER () AS total FROM unmatched
            )
            SELECT kind, reference, amount, problem, total FROM ranked WHERE n <= @limit ORDER BY kind, n
            """, connection, transaction);
        command.Parameters.AddWithValue("limit", (long)limit);
        var rows = new List<UnmatchedRow>();
        long total = 0;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            rows.Add(new UnmatchedRow(reader.GetString(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetInt64(2), reader.GetString(3)));
            total = reader.GetInt64(4);
        }

        return (total, rows);
    }
}
