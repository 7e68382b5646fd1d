using GridStream.Domain.Accounts;
using Hangfire;

namespace GridStream.Server.Compute;

internal static class ComputeSetup
{
    public static void AddGridStreamCompute(this WebApplicationBuilder builder)
    {
        builder.Services.Configure<ComputeOptions>(builder.Configuration.GetSection("GridStream:Compute"));
        builder.Services.AddSingleton<SampleJobs>();
        builder.Services.AddSingleton<JobWriter>();
        builder.Services.AddSingleton<JobStatistics>();
        builder.Services.AddSingleton<JobCodes>();
        builder.Services.AddSingleton<ReviewLedger>();
        builder.Services.AddSingleton<UnitReview>();
        builder.Services.AddSingleton<WorkNotifier>();
        builder.Services.AddSingleton<ReapExpiredLeases>();
        builder.Services.AddSingleton<LeaseWork>();
        builder.Services.AddSingleton<RecordResults>();
        builder.Services.AddTransient<ExpiredLeaseSweep>();
    }

    public static void MapComputeEndpoints(this WebApplication app)
    {
        app.Services.GetRequiredService<IRecurringJobManager>().AddOrUpdate<ExpiredLeaseSweep>(
            ExpiredLeaseSweep.RecurringJobId, sweep => sweep.RunAsync(CancellationToken.None), Cron.Minutely());

        var jobs = app.MapGroup("/api/jobs").WithTags("Compute jobs").RequireAuthorization(Roles.Customer);
        jobs.MapPost("/", SubmitJob.HandleAsync)
            .Accepts<JobSubmission>("application/json", SubmitJob.NdjsonMediaType)
            .Produces<JobDetails>(StatusCodes.Status201Created).ProducesValidationProblem().ProducesProblem(StatusCodes.Status402PaymentRequired)
            .WithSummary("Submit a job: code defining run(input) or a sample's name, inputs (JSON array, or NDJSON lines after the job line), policy, price per unit");
        jobs.MapGet("/", ListJobs.HandleAsync).WithSummary("Your jobs, newest first");
        jobs.MapGet("/samples", (SampleJobs samples) => samples.Names).AllowAnonymous()
            .WithSummary("The sample jobs a submission can name");
        jobs.MapGet("/{id:guid}", GetJob.HandleAsync)
            .WithSummary("One of your jobs: units per state, percent done, units/s, time left, cost so far");
        jobs.MapGet("/{id:guid}/timeline", GetJobTimeline.HandleAsync)
            .WithSummary("The job over time, for charts: units decided per interval (at most 120 intervals of whole seconds), units/s and the cost so far");
        jobs.MapGet("/{id:guid}/results", GetJobResults.HandleAsync).Produces(StatusCodes.Status200OK, contentType: SubmitJob.NdjsonMediaType)
            .WithSummary("Decided units as NDJSON in unit order: index, output and how many results agreed, or index and error");
        jobs.MapGet("/{id:guid}/image.png", GetJobImage.HandleAsync).Produces(StatusCodes.Status200OK, contentType: "image/png")
            .WithSummary("For a Mandelbrot job (like the mandelbrot-tiles sample): the accepted tiles assembled into one PNG");
        jobs.MapDelete("/{id:guid}", CancelJob.HandleAsync)
            .WithSummary("Cancel: no new leases; results already running still count and are billed only if validated");

        app.MapGet("/api/admin/broker", GetBrokerHealth.HandleAsync).RequireAuthorization(Roles.Admin).WithTags("Compute (admin)")
            .WithSummary("Broker health (admins): units waiting and leased, accepted per second, error and disagreement rates, trust distribution");
    }
}
