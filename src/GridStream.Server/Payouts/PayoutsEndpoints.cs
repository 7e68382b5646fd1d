using GridStream.Domain.Accounts;
using GridStream.Domain.Payouts;
using Hangfire;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace GridStream.Server.Payouts;

internal static class PayoutsEndpoints
{
    public static void AddGridStreamPayouts(this WebApplicationBuilder builder)
    {
        builder.Services.Configure<PayoutOptions>(builder.Configuration.GetSection("GridStream:Payouts"));
        // Stripe Connect (issue 6) registers its own gateway first; until then an admin confirms each payout.
        builder.Services.TryAddSingleton<IPayoutGateway, ManualPayoutGateway>();
        builder.Services.AddSingleton<SettlePayout>();
        builder.Services.AddSingleton<RunPayouts>();
        builder.Services.AddTransient<PayoutRunJob>();
    }

    public static void MapPayoutsEndpoints(this WebApplication app)
    {
        var schedule = app.Services.GetRequiredService<IOptions<PayoutOptions>>().Value.Schedule;
        app.Services.GetRequiredService<IRecurringJobManager>().AddOrUpdate<PayoutRunJob>(
            PayoutRunJob.RecurringJobId, run => run.RunAsync(CancellationToken.None), schedule);

        var owners = app.MapGroup("/api/payouts").WithTags("Payouts").RequireAuthorization(Roles.Owner);
        owners.MapGet("/", ListPayouts.HandleAsync).WithSummary("Your payouts, newest first");
        owners.MapGet("/{id:guid}/statement", GetStatement.HandleAsync)
            .Produces<PayoutStatement>(StatusCodes.Status200OK).Produces(StatusCodes.Status200OK, contentType: StatementCsv.MediaType)
            .WithSummary("A payout's statement: every sale of the period, totals, brought and carried forward, rate and amount (Accept: text/csv for CSV)");
        owners.MapGet("/{id:guid}/statement.csv", GetStatement.HandleCsvAsync)
            .Produces(StatusCodes.Status200OK, contentType: StatementCsv.MediaType).WithSummary("The statement as CSV");

        var admin = app.MapGroup("/api/admin").WithTags("Payouts (admin)").RequireAuthorization(Roles.Admin);
        admin.MapPost("/payouts/run", (RunPayouts run, CancellationToken cancellationToken) => run.RunAsync(cancellationToken))
            .WithSummary("Run payouts now: one payout per owner whose outstanding earnings reach the minimum; answers what it did");
        admin.MapGet("/payouts", ListAllPayouts.HandleAsync)
            .WithSummary("Every owner's payouts, newest first; ?state=InTransit lists those awaiting confirmation");
        admin.MapPost("/payouts/{id:guid}/confirm", SettlePayoutEndpoints.ConfirmAsync)
            .WithSummary("The money arrived: post the payout's transfers under the gateway's reference (idempotent)");
        admin.MapPost("/payouts/{id:guid}/fail", SettlePayoutEndpoints.FailAsync)
            .WithSummary("The money did not leave: void the payout's transfers, the credits are outstanding again (idempotent)");
        admin.MapGet("/reconciliation", GetReconciliation.HandleAsync)
            .WithSummary("Proof that the books hold: the ledger identities with both sides, totals per currency, unmatched rows");
    }
}
