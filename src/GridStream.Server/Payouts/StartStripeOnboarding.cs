using System.Security.Claims;
using GridStream.Server.Accounts;
using GridStream.Server.Billing;
using Microsoft.Extensions.Options;
using Npgsql;
using Stripe;

namespace GridStream.Server.Payouts;

/// <summary>
/// POST /api/owner/stripe/onboarding: creates the owner's Express account once (transfers capability requested; the
/// idempotency key comes from the owner id, so concurrent or repeated requests make one account) and answers a fresh
/// onboarding link. Readiness arrives later with account.updated.
/// </summary>
internal static class StartStripeOnboarding
{
    public static async Task<IResult> HandleAsync(ClaimsPrincipal user, HttpRequest request, StripeGateway stripe,
        NpgsqlDataSource dataSource, IOptions<StripeConnectOptions> options, CancellationToken cancellationToken)
    {
        if (!stripe.IsConfigured)
        {
            return StripeConnectEndpoints.NotConfigured();
        }

        var ownerId = user.UserId();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var account = await ConnectAccounts.OfOwnerAsync(connection, null, ownerId, cancellationToken).ConfigureAwait(false);
            if (account is null)
            {
                var created = await stripe.CreateAccountAsync(ownerId, user.FindFirstValue(ClaimTypes.Email), cancellationToken).ConfigureAwait(false);
                var observedAt = new DateTimeOffset(DateTime.SpecifyKind(created.Created, DateTimeKind.Utc));
                account = await ConnectAccounts.InsertOnceAsync(connection, ownerId, created.Id, ConnectAccounts.StatusOf(created, observedAt),
                    cancellationToken).ConfigureAwait(false);
            }

            var returnUrl = options.Value.ReturnUrl ?? $"{request.Scheme}://{request.Host}{StripeConnectEndpoints.OwnerStripePath}";
            var link = await stripe.CreateOnboardingLinkAsync(account.AccountId, returnUrl, options.Value.RefreshUrl ?? returnUrl, cancellationToken)
                .ConfigureAwait(false);
            return TypedResults.Ok(new StripeOnboardingLink(account.AccountId, link.Url,
                new DateTimeOffset(DateTime.SpecifyKind(link.ExpiresAt, DateTimeKind.Utc))));
        }
        catch (StripeException e)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status502BadGateway, title: "Stripe refused the onboarding request",
                detail: e.StripeError?.Message ?? e.Message);
        }
        catch (Exception e) when (Billing.StripeGateway.IsNetworkFailure(e, cancellationToken))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "Stripe does not answer", detail: e.Message);
        }
    }
}
