using GridStream.Domain.Accounts;
using GridStream.Server.Payouts;
using Hangfire;
using Microsoft.Extensions.Options;

namespace GridStream.Server.Billing;

internal static class BillingSetup
{
    public static void AddGridStreamBilling(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<StripeOptions>().Bind(builder.Configuration.GetSection(StripeOptions.Section)).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<StripeOptions>, StripeOptionsValidation>();
        builder.Services.AddSingleton<StripeGateway>();
        builder.Services.AddSingleton<ProvisionStripeCustomer>();
        builder.Services.AddSingleton<RelayUsage>();
        builder.Services.AddSingleton<StripeEventStore>();
        builder.Services.AddSingleton<IStripeEventEffect, ApplyInvoiceEvent>();
        builder.Services.AddSingleton<CustomerStandings>();
        builder.Services.AddSingleton<IExternalReconciliation, CheckStripeUsage>();
        builder.Services.AddSingleton<IExternalReconciliation, CheckPaidInvoices>();
        builder.Services.AddTransient<ProvisionStripeCustomerJob>();
        builder.Services.AddTransient<UsageRelayJob>();
        builder.Services.AddHealthChecks().AddCheck<StripeHealthCheck>("stripe");
    }

    public static void MapBillingEndpoints(this WebApplication app)
    {
        var schedule = app.Services.GetRequiredService<IOptions<StripeOptions>>().Value.RelaySchedule;
        app.Services.GetRequiredService<IRecurringJobManager>().AddOrUpdate<UsageRelayJob>(
            UsageRelayJob.RecurringJobId, job => job.RunAsync(CancellationToken.None), schedule);

        app.MapPost("/api/billing/stripe/webhook", ReceiveStripeWebhook.HandleAsync).AllowAnonymous().WithTags("Billing")
            .Accepts<string>("application/json").Produces<StripeWebhookReceipt>().ProducesProblem(StatusCodes.Status400BadRequest)
            .WithSummary("Stripe's webhook endpoint: signed events (Stripe-Signature), each recorded once under its id");

        app.MapGet("/api/billing/account", GetBillingAccount.HandleAsync).WithTags("Billing").RequireAuthorization(Roles.Customer)
            .WithSummary("Your billing: Stripe customer, standing (Good, or PastDue while an invoice's payment failed), invoices, usage, paid and outstanding cents");

        var admin = app.MapGroup("/api/admin/billing").WithTags("Billing (admin)").RequireAuthorization(Roles.Admin);
        admin.MapGet("/usage", ListUsageOutbox.HandleAsync)
            .WithSummary("The usage outbox: rows per relay state, and the rows of one state (default: TooOld and Rejected, which never reach Stripe by themselves)");
        admin.MapPost("/usage/relay", (RelayUsage relay, CancellationToken cancellationToken) => relay.RunAsync(cancellationToken))
            .WithSummary("Relay the usage outbox to Stripe now (it also runs every minute); answers what it did");
    }
}
