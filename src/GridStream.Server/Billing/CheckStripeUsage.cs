using System.Globalization;
using GridStream.Domain.Billing;
using GridStream.Server.Payouts;
using Npgsql;
using Stripe;

namespace GridStream.Server.Billing;

/// <summary>
/// The reconciliation's "stripe usage" check: per Stripe customer, Σ our usage rows marked Sent = Stripe's meter event
/// summary over the minutes those rows span. Customers whose totals differ are listed with both figures, and rows that
/// never reached Stripe (Pending, TooOld, Rejected) as "not at Stripe". Stripe is asked once per customer.
/// </summary>
internal sealed class CheckStripeUsage(StripeGateway gateway, ILogger<CheckStripeUsage> logger) : IExternalReconciliation
{
    public const string Name = "stripe usage";
    public const string DiffersKind = "usage total differs from Stripe";
    public const string NotAtStripeKind = "usage not at Stripe";

    public async Task<ExternalReconciliation> CheckAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, int listedPerKind,
        CancellationToken cancellationToken)
    {
        if (!gateway.IsConfigured)
        {
            return new ExternalReconciliation(Name, [], 0, [], "Stripe is not configured");
        }

        var sent = await SentPerCustomerAsync(connection, transaction, cancellationToken).ConfigureAwait(false);
        var (notAtStripeCount, notAtStripe) = await NotAtStripeAsync(connection, transaction, listedPerKind, cancellationToken).ConfigureAwait(false);
        var compared = new List<CustomerUsage>(sent.Count);
        try
        {
            var meterId = sent.Count == 0 ? null : await gateway.FindMeterIdAsync(cancellationToken).ConfigureAwait(false);
            if (sent.Count > 0 && meterId is null)
            {
                return new ExternalReconciliation(Name, [], 0, [], $"Stripe has no active meter for '{gateway.MeterEventName}'");
            }

            foreach (var customer in sent)
            {
                var (start, end) = StripeUsageComparison.Window(customer.Earliest, customer.Latest);
                var stripes = await gateway.MeteredCentsAsync(meterId!, customer.StripeCustomerId, start, end, cancellationToken).ConfigureAwait(false);
                compared.Add(new CustomerUsage(customer.StripeCustomerId, customer.Cents, stripes));
            }
        }
        catch (Exception e) when (e is StripeException || StripeGateway.IsNetworkFailure(e, cancellationToken))
        {
            logger.LogWarning(e, "The reconciliation could not read Stripe's meter event summaries");
            return new ExternalReconciliation(Name, [], 0, [], $"Stripe did not answer: {e.Message}");
        }

        var differences = StripeUsageComparison.Differences(compared);
        List<UnmatchedRow> unmatched =
        [
            .. differences.Take(listedPerKind).Select(c => new UnmatchedRow(DiffersKind, c.StripeCustomerId, c.OursCents,
                string.Create(CultureInfo.InvariantCulture, $"ours {c.OursCents} cents, Stripe's {c.StripesCents} cents"))),
            .. notAtStripe,
        ];
        return new ExternalReconciliation(Name, [StripeUsageComparison.UsageIdentity(compared)], differences.Count + notAtStripeCount, unmatched);
    }

    private sealed record SentTotal(string StripeCustomerId, long Cents, DateTimeOffset Earliest, DateTimeOffset Latest);

    private static async Task<List<SentTotal>> SentPerCustomerAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            """
            SELECT c."CustomerId", sum(u."AmountCents")::bigint, min(u."CreatedAt"), max(u."CreatedAt")
            FROM compute_usage u JOIN stripe_customers c ON c."UserId" = u."CustomerId"
            WHERE u."StripeState" = 'Sent'
            GROUP BY c."CustomerId" ORDER BY c."CustomerId"
            """, connection, transaction);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var totals = new List<SentTotal>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            totals.Add(new SentTotal(reader.GetString(0), reader.GetInt64(1), reader.GetFieldValue<DateTimeOffset>(2), reader.GetFieldValue<DateTimeOffset>(3)));
        }

        return totals;
    }

    private static async Task<(long Count, List<UnmatchedRow> Listed)> NotAtStripeAsync(NpgsqlConnection connection, NpgsqlTransaction transaction,
        int listedPerKind, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            """
            SELECT count(*) OVER (), "UnitId", "AmountCents", "StripeState", "StripeError" FROM compute_usage
            WHERE "StripeState" IN ('Pending', 'TooOld', 'Rejected') ORDER BY "UnitId" LIMIT $1
            """, connection, transaction);
        command.Parameters.Add(new() { Value = listedPerKind });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        long count = 0;
        var listed = new List<UnmatchedRow>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            count = reader.GetInt64(0);
            var state = reader.GetString(3);
            var error = reader.IsDBNull(4) ? null : reader.GetString(4);
            listed.Add(new UnmatchedRow(NotAtStripeKind, reader.GetInt64(1).ToString(CultureInfo.InvariantCulture), reader.GetInt64(2),
                error is null ? state : $"{state}: {error}"));
        }

        return (count, listed);
    }
}
