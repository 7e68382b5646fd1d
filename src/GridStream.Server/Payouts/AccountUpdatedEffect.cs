using GridStream.Domain.Payouts;
using GridStream.Server.Billing;
using Npgsql;
using Stripe;

namespace GridStream.Server.Payouts;

/// <summary>
/// account.updated: stores whether the owner's connected account can be paid, unless what is stored is newer (events
/// arrive in any order; the event's creation time says which is newer).
/// </summary>
internal sealed class AccountUpdatedEffect : IStripeEventEffect
{
    public IReadOnlyCollection<string> EventTypes { get; } = ["account.updated"];

    public async Task<string> ApplyAsync(Event stripeEvent, NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        if (stripeEvent.Data?.Object is not Account account)
        {
            return "The event carries no account: nothing changed.";
        }

        var stored = await ConnectAccounts.LockByAccountAsync(connection, transaction, account.Id, cancellationToken).ConfigureAwait(false);
        if (stored is null)
        {
            return $"Account {account.Id} belongs to no GridStream owner: nothing changed.";
        }

        var incoming = ConnectAccounts.StatusOf(account, new DateTimeOffset(DateTime.SpecifyKind(stripeEvent.Created, DateTimeKind.Utc)));
        if (!ConnectReadiness.Replaces(stored.Status, incoming))
        {
            return $"Account {account.Id}: a newer state is already stored; nothing changed.";
        }

        await ConnectAccounts.UpdateStatusAsync(connection, transaction, account.Id, incoming, cancellationToken).ConfigureAwait(false);
        return incoming.Ready
            ? $"Account {account.Id} of owner {stored.OwnerId} is ready for payouts."
            : $"Account {account.Id} of owner {stored.OwnerId} is not ready: {ConnectReadiness.WhyCannotPay(account.Id, incoming)}";
    }
}
