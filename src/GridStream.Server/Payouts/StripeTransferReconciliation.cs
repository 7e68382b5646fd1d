using GridStream.Domain.Payouts;
using GridStream.Server.Billing;
using Npgsql;
using Stripe;

namespace GridStream.Server.Payouts;

/// <summary>
/// "stripe transfers": our Stripe payouts (read in the report's snapshot) against every transfer Stripe lists, matched
/// by <see cref="TransferMatching"/>. Offline, or when Stripe cannot be read, the check says so instead of guessing.
/// </summary>
internal sealed class StripeTransferReconciliation(StripeGateway stripe, ILogger<StripeTransferReconciliation> logger) : IExternalReconciliation
{
    public const string Name = "stripe transfers";

    public async Task<ExternalReconciliation> CheckAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, int listedPerKind,
        CancellationToken cancellationToken)
    {
        if (!stripe.IsConfigured)
        {
            return new ExternalReconciliation(Name, [], 0, [], NotChecked: "Stripe is not configured (GridStream:Stripe:SecretKey).");
        }

        var payouts = await StripePayoutsAsync(connection, transaction, cancellationToken).ConfigureAwait(false);
        IReadOnlyList<Transfer> transfers;
        try
        {
            transfers = await stripe.AllTransfersAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is StripeException || Billing.StripeGateway.IsNetworkFailure(e, cancellationToken))
        {
            logger.LogWarning(e, "The transfer reconciliation could not list Stripe's transfers");
            return new ExternalReconciliation(Name, [], 0, [], NotChecked: $"Stripe's transfers could not be listed: {e.Message}");
        }

        var match = TransferMatching.Match(payouts,
            [.. transfers.Select(t => new StripeTransferRow(t.Id, t.Amount, t.AmountReversed, t.DestinationId, t.TransferGroup))]);
        var listed = match.Mismatches.GroupBy(m => m.Kind).SelectMany(kind => kind.Take(listedPerKind))
            .Select(m => new UnmatchedRow(m.Kind, m.Reference, m.Amount, m.Problem)).ToList();
        return new ExternalReconciliation(Name, [match.Identity], match.Mismatches.Count, listed);
    }

    private static async Task<List<StripePayoutRow>> StripePayoutsAsync(NpgsqlConnection connection, NpgsqlTransaction transaction,
        CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            """
            SELECT p."Id", p."Cents", p."State", a."AccountId" FROM payouts p
            LEFT JOIN stripe_connect_accounts a ON a."OwnerId" = p."OwnerId"
            WHERE p."Gateway" = @gateway
            """, connection, transaction);
        command.Parameters.AddWithValue("gateway", StripePayoutGateway.GatewayName);
        var rows = new List<StripePayoutRow>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            rows.Add(new StripePayoutRow(reader.GetGuid(0), reader.GetInt64(1), Enum.Parse<PayoutState>(reader.GetString(2)),
                reader.IsDBNull(3) ? null : reader.GetString(3)));
        }

        return rows;
    }
}
