using GridStream.Domain.Accounts;
using GridStream.Server.Billing;
using Microsoft.Extensions.Options;

namespace GridStream.Server.Payouts;

/// <summary>Stripe Connect: owner onboarding, the Stripe payout gateway, transfer and account webhooks, the transfer reconciliation.</summary>
internal static class StripeConnectEndpoints
{
    public const string OwnerStripePath = "/api/owner/stripe";

    /// <summary>Call before AddGridStreamPayouts: the payout gateway registered here is the one the payouts use.</summary>
    public static void AddGridStreamStripeConnect(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<StripeConnectOptions>().Bind(builder.Configuration.GetSection(StripeConnectOptions.Section))
            .Validate(options => options.Problem() is null, "GridStream:Stripe:Connect is invalid (ReturnUrl/RefreshUrl absolute http(s), MaxNetworkRetries 0–10).")
            .ValidateOnStart();
        builder.Services.AddSingleton<StripePayoutGateway>();
        // Stripe configured → transfers to connected accounts; offline → an admin confirms each payout by hand.
        builder.Services.AddSingleton<IPayoutGateway>(services => services.GetRequiredService<StripeGateway>().IsConfigured
            ? services.GetRequiredService<StripePayoutGateway>()
            : new ManualPayoutGateway());
        builder.Services.AddSingleton<IStripeEventEffect, AccountUpdatedEffect>();
        builder.Services.AddSingleton<IStripeEventEffect, TransferEventsEffect>();
        builder.Services.AddSingleton<IExternalReconciliation, StripeTransferReconciliation>();
    }

    public static void MapStripeConnectEndpoints(this WebApplication app)
    {
        var owners = app.MapGroup(OwnerStripePath).WithTags("Payouts").RequireAuthorization(Roles.Owner);
        owners.MapGet("/", GetOwnerStripeAccount.HandleAsync).Produces<OwnerStripeAccount>().ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .WithSummary("Your Stripe connected account: its id, whether payouts can be made to it, and what Stripe still needs");
        owners.MapPost("/onboarding", StartStripeOnboarding.HandleAsync).Produces<StripeOnboardingLink>()
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable).ProducesProblem(StatusCodes.Status502BadGateway)
            .WithSummary("Connect a Stripe account to be paid: creates it once and answers a fresh onboarding link");
    }

    public static IResult NotConfigured() => TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable,
        title: "Stripe is not configured", detail: "Payouts through Stripe need GridStream:Stripe:SecretKey; until then an admin confirms payouts by hand.");
}
