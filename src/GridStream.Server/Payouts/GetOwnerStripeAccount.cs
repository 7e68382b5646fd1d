using System.Security.Claims;
using GridStream.Domain.Payouts;
using GridStream.Server.Accounts;
using GridStream.Server.Billing;
using Npgsql;

namespace GridStream.Server.Payouts;

/// <summary>GET /api/owner/stripe: the owner's connected account and whether payouts can be made to it (as Stripe last said).</summary>
internal static class GetOwnerStripeAccount
{
    public static async Task<IResult> HandleAsync(ClaimsPrincipal user, StripeGateway stripe, NpgsqlDataSource dataSource,
        CancellationToken cancellationToken)
    {
        if (!stripe.IsConfigured)
        {
            return StripeConnectEndpoints.NotConfigured();
        }

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var account = await ConnectAccounts.OfOwnerAsync(connection, null, user.UserId(), cancellationToken).ConfigureAwait(false);
        if (account is null)
        {
            return TypedResults.Ok(new OwnerStripeAccount(false, null, false, false, false, [], ConnectReadiness.WhyCannotPay(null, null), null));
        }

        var status = account.Status;
        return TypedResults.Ok(new OwnerStripeAccount(true, account.AccountId, status.Ready, status.PayoutsEnabled, status.TransfersActive,
            status.CurrentlyDue, ConnectReadiness.WhyCannotPay(account.AccountId, status), status.ObservedAt));
    }
}
