using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using GridStream.Domain.Accounts;
using GridStream.Server.Billing;
using GridStream.Server.Data;
using GridStream.Server.Tests.Infrastructure;
using Hangfire;
using Hangfire.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static GridStream.Server.Tests.Licensing.LicensingClient;

namespace GridStream.Server.Tests.Billing;

/// <summary>
/// Stripe billing through the real host, its database and a local Stripe (FakeStripe) with faults switched on: the
/// customer's Stripe customer and subscription, and the usage outbox relayed as exactly one meter event per usage id.
/// </summary>
public sealed class UsageRelayTests(StripeServerFixture fixture) : IClassFixture<StripeServerFixture>
{
    private const string MeterEvents = "/v1/billing/meter_events";

    private GridStreamFactory Server => fixture.Server;

    [Fact]
    public async Task The_first_api_key_gives_the_customer_one_stripe_customer_subscribed_to_the_metered_price()
    {
        using var customer = await Server.SignedUpAsync(Roles.Customer);
        var userId = await IdOfAsync(customer);

        (await customer.PostAsJsonAsync("/api/keys", new { name = "first" })).EnsureSuccessStatusCode();
        var stored = await WaitForSubscriptionAsync(userId);
        (await customer.PostAsJsonAsync("/api/keys", new { name = "second" })).EnsureSuccessStatusCode();

        var stripeCustomer = Assert.Single(fixture.Stripe.Customers, c => c.Metadata.GetValueOrDefault("gridstream_user_id") == userId.ToString("D"));
        Assert.Equal(stored.CustomerId, stripeCustomer.Id);
        var subscription = Assert.Single(fixture.Stripe.Subscriptions, s => s.CustomerId == stripeCustomer.Id);
        Assert.Equal(stored.SubscriptionId, subscription.Id);
        Assert.Equal(fixture.PriceId, Assert.Single(subscription.Items).PriceId);
        Assert.All(fixture.Stripe.Requests.Where(r => r.Method == "POST" && r.Path is "/v1/customers" or "/v1/subscriptions"),
            request => Assert.StartsWith("gridstream-", request.IdempotencyKey));
    }

    [Fact]
    public async Task Validated_units_become_exactly_one_meter_event_each_despite_500s_429s_and_lost_answers()
    {
        const int units = 6;
        const long price = 25;
        using var admin = await Server.AdminAsync();
        using var customer = await Server.SignedUpAsync(Roles.Customer);
        var job = await ValidatedUsage.ComputeJobAsync(Server, customer, units, price, "10.61.0");
        var rows = await ValidatedUsage.RowsOfAsync(Server, job);
        Assert.Equal(units, rows.Count);
        Assert.All(rows, row => Assert.Equal(UsageRelayState.Pending, row.StripeState));

        var faults = fixture.Stripe.Faults;
        faults.InjectServerError(MeterEvents, count: 2);
        faults.DropResponseAfterCommit(MeterEvents, count: 2);
        faults.InjectTooManyRequests(MeterEvents, count: 2);
        faults.DropResponseAfterCommit(MeterEvents, count: 1);
        faults.InjectServerError(MeterEvents, count: 1);
        try
        {
            await RelayUntilNoneWaitsAsync(admin, job);
        }
        finally
        {
            faults.Clear();
        }

        rows = await ValidatedUsage.RowsOfAsync(Server, job);
        Assert.All(rows, row => Assert.Equal(UsageRelayState.Sent, row.StripeState));
        var stripeCustomer = (await ValidatedUsage.StripeCustomerOfAsync(Server, await IdOfAsync(customer)))!.CustomerId;
        var events = fixture.Stripe.MeterEvents.Where(e => e.CustomerId == stripeCustomer).ToList();
        Assert.Equal(rows.Select(r => r.UnitId.ToString()).Order(), events.Select(e => e.Identifier).Order());
        Assert.All(events, e => Assert.Equal(price, e.Value));
        Assert.All(events, e => Assert.Equal(StripeServerFixture.MeterEventName, e.EventName));
        Assert.Equal(rows.Select(r => r.CreatedAt.ToUnixTimeSeconds()), events.OrderBy(e => long.Parse(e.Identifier)).Select(e => e.Timestamp));
        Assert.True(fixture.Stripe.Requests.Count(r => r.Path == MeterEvents && r.Fault is not null) >= 7, "the faults were not all met");

        // The billing period closes: the invoice is the usage in cents × 1 cent per unit of the meter.
        var invoice = Assert.Single(fixture.Stripe.CloseBillingPeriod(stripeCustomer));
        Assert.Equal(units * price, invoice.AmountDue);
    }

    [Fact]
    public async Task A_row_whose_mark_was_lost_is_sent_again_with_the_same_key_and_stripe_keeps_one_event()
    {
        using var admin = await Server.AdminAsync();
        using var customer = await Server.SignedUpAsync(Roles.Customer);
        var job = await ValidatedUsage.ComputeJobAsync(Server, customer, units: 2, priceCentsPerUnit: 10, "10.62.0");
        await RelayUntilNoneWaitsAsync(admin, job);
        var before = fixture.Stripe.MeterEvents.Count;

        // As if the server had died between Stripe's answer and its own commit: the rows are Pending again.
        await UpdateUsageAsync(job, "UPDATE compute_usage SET \"StripeState\" = 'Pending', \"StripeSentAt\" = NULL WHERE \"JobId\" = $1");
        await RelayUntilNoneWaitsAsync(admin, job);

        Assert.Equal(before, fixture.Stripe.MeterEvents.Count);
        Assert.All(await ValidatedUsage.RowsOfAsync(Server, job), row => Assert.Equal(UsageRelayState.Sent, row.StripeState));
    }

    [Fact]
    public async Task Usage_older_than_stripe_accepts_is_marked_too_old_listed_and_never_sent()
    {
        using var admin = await Server.AdminAsync();
        using var customer = await Server.SignedUpAsync(Roles.Customer);
        var job = await ValidatedUsage.ComputeJobAsync(Server, customer, units: 3, priceCentsPerUnit: 7, "10.63.0");
        var oldest = (await ValidatedUsage.RowsOfAsync(Server, job))[0].UnitId;
        await UpdateUsageAsync(job, $"UPDATE compute_usage SET \"CreatedAt\" = now() - interval '40 days' WHERE \"JobId\" = $1 AND \"UnitId\" = {oldest}");

        await RelayUntilNoneWaitsAsync(admin, job);

        var rows = await ValidatedUsage.RowsOfAsync(Server, job);
        Assert.Equal(UsageRelayState.TooOld, rows.Single(r => r.UnitId == oldest).StripeState);
        Assert.All(rows.Where(r => r.UnitId != oldest), row => Assert.Equal(UsageRelayState.Sent, row.StripeState));
        Assert.DoesNotContain(fixture.Stripe.MeterEvents, e => e.Identifier == oldest.ToString());
        var listed = (await admin.GetFromJsonAsync<UsageOutbox>("/api/admin/billing/usage"))!;
        var row = Assert.Single(listed.Rows, r => r.UsageId == oldest);
        Assert.Equal("TooOld", row.State);
        Assert.Contains("35 days", row.Error);
        Assert.True(listed.Counts["Sent"] >= 2);
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.GetAsync("/api/admin/billing/usage?state=Lost")).StatusCode);
    }

    [Fact]
    public async Task The_recurring_relay_job_is_scheduled_and_triggered_sends_the_usage()
    {
        using var customer = await Server.SignedUpAsync(Roles.Customer);
        var job = await ValidatedUsage.ComputeJobAsync(Server, customer, units: 2, priceCentsPerUnit: 3, "10.65.0");
        using (var connection = Server.Services.GetRequiredService<JobStorage>().GetConnection())
        {
            var recurring = Assert.Single(connection.GetRecurringJobs(), j => j.Id == UsageRelayJob.RecurringJobId);
            Assert.Equal("0 0 1 1 *", recurring.Cron);
        }

        Server.Services.GetRequiredService<IRecurringJobManager>().Trigger(UsageRelayJob.RecurringJobId);

        var deadline = DateTime.UtcNow.AddMinutes(2);
        while ((await ValidatedUsage.RowsOfAsync(Server, job)).Any(r => r.StripeState != UsageRelayState.Sent))
        {
            Assert.True(DateTime.UtcNow < deadline, "The triggered relay did not send the usage within two minutes: " + Diagnostics());
            await Task.Delay(250);
        }

        var rows = await ValidatedUsage.RowsOfAsync(Server, job);
        Assert.All(rows, row => Assert.Single(fixture.Stripe.MeterEvents, e => e.Identifier == row.UnitId.ToString()));
    }

    [Fact]
    public async Task Healthz_says_stripe_is_reachable()
    {
        using var client = Server.Anonymous();

        var report = JsonDocument.Parse(await client.GetStringAsync("/healthz")).RootElement;

        var stripe = report.GetProperty("checks").GetProperty("stripe");
        Assert.Equal("Healthy", stripe.GetProperty("status").GetString());
        Assert.Equal("Stripe is reachable.", stripe.GetProperty("description").GetString());
    }

    [Fact]
    public async Task Billing_administration_is_for_admins_only()
    {
        using var customer = await Server.SignedUpAsync(Roles.Customer);

        Assert.Equal(HttpStatusCode.Forbidden, (await customer.GetAsync("/api/admin/billing/usage")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await customer.PostAsync("/api/admin/billing/usage/relay", null)).StatusCode);
    }

    private async Task<StripeCustomer> WaitForSubscriptionAsync(Guid userId)
    {
        var deadline = DateTime.UtcNow.AddSeconds(120);
        while (true)
        {
            if (await ValidatedUsage.StripeCustomerOfAsync(Server, userId) is { SubscriptionId: not null } stored)
            {
                return stored;
            }

            Assert.True(DateTime.UtcNow < deadline, "the Stripe customer was not provisioned within 120 s: " + Diagnostics());
            await Task.Delay(200);
        }
    }

    private string Diagnostics()
    {
        var monitoring = Server.Services.GetRequiredService<JobStorage>().GetMonitoringApi();
        var processing = monitoring.ProcessingJobs(0, 10).Select(j => $"{j.Key} {j.Value.Job?.Type.Name}.{j.Value.Job?.Method.Name} since {j.Value.StartedAt:O}");
        var failed = monitoring.FailedJobs(0, 10).Select(j => $"{j.Key} {j.Value.Job?.Type.Name}: {j.Value.ExceptionMessage}");
        var scheduled = monitoring.ScheduledJobs(0, 10).Select(j => $"{j.Key} {j.Value.Job?.Type.Name} at {j.Value.EnqueueAt:O}");
        var logs = Server.Logs.Entries.Where(e => e.Level >= Microsoft.Extensions.Logging.LogLevel.Warning || e.Category.StartsWith("Hangfire", StringComparison.Ordinal))
            .Select(e => $"{e.Category}: {e.Message}");
        return $"succeeded {monitoring.SucceededListCount()} processing [{string.Join("; ", processing)}] failed [{string.Join("; ", failed)}] scheduled [{string.Join("; ", scheduled)}] "
            + $"enqueued {monitoring.EnqueuedCount("default")} servers {monitoring.Servers().Count} logs [{string.Join(" | ", logs.TakeLast(30))}]";
    }

    /// <summary>Relays as an admin would (rows that must wait are retried by later runs) until no row of the job is Pending.</summary>
    private async Task RelayUntilNoneWaitsAsync(HttpClient admin, Guid job)
    {
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while ((await ValidatedUsage.RowsOfAsync(Server, job)).Any(r => r.StripeState == UsageRelayState.Pending))
        {
            Assert.True(DateTime.UtcNow < deadline, "usage rows still wait after 90 s of relaying");
            var response = await admin.PostAsync("/api/admin/billing/usage/relay", null);
            Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
            await Task.Delay(250);
        }
    }

    private async Task UpdateUsageAsync(Guid job, string sql)
    {
        await using var scope = Server.Services.CreateAsyncScope();
        var dataSource = scope.ServiceProvider.GetRequiredService<Npgsql.NpgsqlDataSource>();
        await using var command = dataSource.CreateCommand(sql);
        command.Parameters.Add(new() { Value = job });
        Assert.True(await command.ExecuteNonQueryAsync() > 0);
    }
}
