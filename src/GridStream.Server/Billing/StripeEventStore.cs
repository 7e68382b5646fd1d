using Npgsql;
using Stripe;

namespace GridStream.Server.Billing;

/// <summary>
/// Stores a verified Stripe event under its id and applies its effect in the same transaction. Today the effect is
/// recording it: posting invoice.paid to the ledger (Stripe clearing → cash), customer standing, transfers and
/// account readiness are the next part of issue 6, and will be applied here, inside this transaction, from the stored
/// payload — so events received before then can be replayed from stripe_webhook_events.
/// </summary>
internal static class StripeEventStore
{
    public static async Task<StripeWebhookReceipt> RecordAsync(NpgsqlDataSource dataSource, Event stripeEvent, string json,
        CancellationToken cancellationToken)
    {
        var effect = EffectOf(stripeEvent.Type);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using var insert = new NpgsqlCommand(
            """
            INSERT INTO stripe_webhook_events ("EventId", "Type", "ObjectId", "CreatedAt", "Effect", "Payload")
            VALUES ($1, $2, $3, $4, $5, $6::jsonb) ON CONFLICT ("EventId") DO NOTHING
            """, connection, transaction);
        insert.Parameters.Add(new() { Value = stripeEvent.Id });
        insert.Parameters.Add(new() { Value = stripeEvent.Type });
        insert.Parameters.Add(new() { Value = (object?)(stripeEvent.Data?.Object as IHasId)?.Id ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        insert.Parameters.Add(new() { Value = new DateTimeOffset(DateTime.SpecifyKind(stripeEvent.Created, DateTimeKind.Utc)) });
        insert.Parameters.Add(new() { Value = effect });
        insert.Parameters.Add(new() { Value = json });
        var isNew = await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
        if (!isNew)
        {
            await transaction.RollbackAsync(cancellationToken).ConfigureAwait(false);
            return new StripeWebhookReceipt(stripeEvent.Id, stripeEvent.Type, Duplicate: true, "Already received: nothing changed.");
        }

        // Effects that change our books go here, with connection and transaction, before the commit.
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return new StripeWebhookReceipt(stripeEvent.Id, stripeEvent.Type, Duplicate: false, effect);
    }

    private static string EffectOf(string type) => type switch
    {
        "invoice.paid" or "invoice.payment_failed" or "transfer.created" or "transfer.reversed" or "account.updated"
            => "Recorded; its ledger effect is applied by the Stripe settlement step (not yet built).",
        _ => "Recorded; this type has no effect here.",
    };
}
