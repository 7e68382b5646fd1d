using Npgsql;
using Stripe;

namespace GridStream.Server.Billing;

/// <summary>
/// What one type of Stripe event changes in our books. Applied inside the transaction that stores the event id, so the
/// effect and the record that it happened commit together (a redelivery finds the id and changes nothing). Effects must
/// not depend on the order events arrive in: decide from the object the event carries and from what is stored.
/// </summary>
internal interface IStripeEventEffect
{
    /// <summary>The event types this effect handles (e.g. "invoice.paid").</summary>
    IReadOnlyCollection<string> EventTypes { get; }

    /// <summary>Applies the event; answers what it did, in a sentence stored with the event and returned to Stripe.</summary>
    Task<string> ApplyAsync(Event stripeEvent, NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken);
}
