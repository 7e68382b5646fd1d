using GridStream.Server.Data;
using Npgsql;
using Stripe;

namespace GridStream.Server.Billing;

/// <summary>
/// Stores a verified Stripe event under its id and applies its effect (<see cref="IStripeEventEffect"/>) in the same
/// transaction, so an event is either stored with its effect or not at all, and a redelivery changes nothing.
/// </summary>
internal sealed class StripeEventStore(NpgsqlDataSource dataSource, IEnumerable<IStripeEventEffect> effects)
{
    private readonly Dictionary<string, IStripeEventEffect> _effectsByType = effects
        .SelectMany(effect => effect.EventTypes.Select(type => (type, effect)))
        .ToDictionary(pair => pair.type, pair => pair.effect, StringComparer.Ordinal);

    public async Task<StripeWebhookReceipt> RecordAsync(Event stripeEvent, string json, CancellationToken cancellationToken)
    {
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
        // The effect is written once it is known (below); the row must exist first so a concurrent delivery waits on it.
        insert.Parameters.Add(new() { Value = "" });
        insert.Parameters.Add(new() { Value = json });
        var isNew = await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
        if (!isNew)
        {
            await transaction.RollbackAsync(cancellationToken).ConfigureAwait(false);
            return new StripeWebhookReceipt(stripeEvent.Id, stripeEvent.Type, Duplicate: true, "Already received: nothing changed.");
        }

        var effect = _effectsByType.TryGetValue(stripeEvent.Type, out var handler)
            ? await handler.ApplyAsync(stripeEvent, connection, transaction, cancellationToken).ConfigureAwait(false)
            : "Recorded; this type has no effect here.";
        await using var describe = new NpgsqlCommand(
            """UPDATE stripe_webhook_events SET "Effect" = $2 WHERE "EventId" = $1""", connection, transaction);
        describe.Parameters.Add(new() { Value = stripeEvent.Id });
        describe.Parameters.Add(new() { Value = effect.Length <= BillingModel.MaxErrorLength ? effect : effect[..BillingModel.MaxErrorLength] });
        await describe.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return new StripeWebhookReceipt(stripeEvent.Id, stripeEvent.Type, Duplicate: false, effect);
    }
}
