using System.Net;
using System.Net.Http.Json;
using GridStream.Domain.Accounts;
using GridStream.Domain.Billing;
using GridStream.Server.Billing;
using GridStream.Server.Payouts;
using GridStream.Server.Tests.Infrastructure;
using static GridStream.Server.Tests.Licensing.LicensingClient;

namespace GridStream.Server.Tests.Billing;

/// <summary>
/// The whole billing loop through the real host, its database and a local Stripe with faults on: validated units →
/// meter events despite 500s and lost answers → the period closes → invoice.paid, delivered twice, newest first,
/// under a second event id, forged and stale → one ledger batch, the customer owes nothing, the books balance.
/// </summary>
public sealed class InvoiceLedgerTests(StripeServerFixture fixture) : IClassFixture<StripeServerFixture>
{
    private const string MeterEvents = "/v1/billing/meter_events";

    private GridStreamFactory Server => fixture.Server;

    [Fact]
    public async Task A_paid_invoice_posts_once_whatever_the_deliveries_and_the_books_reconcile_with_stripe()
    {
        const int units = 5;
        const long price = 20;
        using var admin = await Server.AdminAsync();
        using var customer = await Server.SignedUpAsync(Roles.Customer);
        var userId = await IdOfAsync(customer);
        var job = await ValidatedUsage.ComputeJobAsync(Server, customer, units, price, "10.71.0");

        var faults = fixture.Stripe.Faults;
        faults.InjectServerError(MeterEvents, count: 2);
        faults.DropResponseAfterCommit(MeterEvents, count: 2);
        try
        {
            await InvoiceFlow.RelayEverythingAsync(Server, admin);
        }
        finally
        {
            faults.Clear();
        }

        var rows = await ValidatedUsage.RowsOfAsync(Server, job);
        var stripeCustomer = (await ValidatedUsage.StripeCustomerOfAsync(Server, userId))!.CustomerId;
        Assert.Equal(rows.Select(r => r.UnitId.ToString()).Order(),
            fixture.Stripe.MeterEvents.Where(e => e.CustomerId == stripeCustomer).Select(e => e.Identifier).Order());
        Assert.Equal(-units * price, await InvoiceFlow.UsageBalanceAsync(Server, userId));

        var webhooks = fixture.Stripe.Webhooks;
        webhooks.DeliverTo(new Uri(Server.Address, InvoiceFlow.WebhookPath));
        webhooks.DeliverEachTwice = true;
        webhooks.Hold();
        var invoice = Assert.Single(fixture.Stripe.CloseBillingPeriod(stripeCustomer));
        Assert.Equal(units * price, invoice.AmountDue);
        webhooks.Release(newestFirst: true);
        await webhooks.WaitUntilIdleAsync(TimeSpan.FromSeconds(60));
        webhooks.DeliverEachTwice = false;
        var paid = Assert.Single(fixture.Stripe.Events, e => e.Type == "invoice.paid" && e.ObjectId == invoice.Id);

        webhooks.ForgeSignatures = true;
        webhooks.MaxAttempts = 1;
        webhooks.Resend(paid.Id);
        await webhooks.WaitUntilIdleAsync(TimeSpan.FromSeconds(60));
        webhooks.ForgeSignatures = false;
        webhooks.SignatureAge = TimeSpan.FromMinutes(10);
        webhooks.Resend(paid.Id);
        await webhooks.WaitUntilIdleAsync(TimeSpan.FromSeconds(60));
        webhooks.SignatureAge = null;
        webhooks.MaxAttempts = 4;
        var copy = await InvoiceFlow.DeliverUnderNewIdAsync(Server, fixture.Stripe, paid);

        var deliveries = webhooks.Deliveries.Where(d => d.EventId == paid.Id).ToList();
        Assert.Equal(2, deliveries.Count(d => d.Succeeded));
        Assert.Equal(2, deliveries.Count(d => d.StatusCode == (int)HttpStatusCode.BadRequest));
        Assert.Contains("paid already", (string?)copy["effect"], StringComparison.Ordinal);
        var stored = await InvoiceFlow.EventsAboutAsync(Server, invoice.Id);
        Assert.Equal(2, stored.Count);
        Assert.Single(stored, e => e.Effect.Contains($"{units * price} cents posted", StringComparison.Ordinal));

        Assert.Equal(1, await InvoiceFlow.TransfersAsync(Server, InvoiceTransfers.PaidKind, invoice.Id));
        Assert.Equal(1, await InvoiceFlow.TransfersAsync(Server, InvoiceTransfers.CashKind, invoice.Id));
        Assert.Equal(0, await InvoiceFlow.UsageBalanceAsync(Server, userId));
        var row = (await InvoiceFlow.InvoiceAsync(Server, invoice.Id))!;
        Assert.Equal((InvoiceStatus.Paid, units * price, units * price), (row.Status, row.AmountDueCents, row.AmountPaidCents));

        var account = (await customer.GetFromJsonAsync<BillingAccountView>("/api/billing/account"))!;
        Assert.Equal((StripeConnection.Connected, stripeCustomer, Standing.Good), (account.Stripe, account.StripeCustomerId, account.Standing));
        Assert.Equal((units * price, units * price, 0L), (account.TotalUsageCents, account.TotalPaidCents, account.OutstandingCents));
        Assert.Equal(invoice.Id, Assert.Single(account.Invoices.Items).InvoiceId);

        await InvoiceFlow.RelayEverythingAsync(Server, admin);
        var report = (await admin.GetFromJsonAsync<ReconciliationReport>("/api/admin/reconciliation"))!;
        var usage = Assert.Single(report.External, e => e.Name == CheckStripeUsage.Name);
        Assert.Null(usage.NotChecked);
        Assert.Equal(0, usage.UnmatchedCount);
        Assert.True(Assert.Single(usage.Identities).Balanced);
        Assert.True(Assert.Single(usage.Identities).Sides[0].Total >= units * price);
        var invoices = Assert.Single(report.External, e => e.Name == CheckPaidInvoices.Name);
        Assert.True(Assert.Single(invoices.Identities).Balanced);
        Assert.All(report.Identities, identity => Assert.True(identity.Balanced, identity.Name));
        Assert.True(report.Balanced, string.Join("; ", report.Unmatched.Concat(report.External.SelectMany(e => e.Unmatched)).Select(u => $"{u.Kind} {u.Reference}: {u.Problem}")));
    }

    [Fact]
    public async Task One_payment_announced_under_several_event_ids_at_once_posts_once()
    {
        using var admin = await Server.AdminAsync();
        using var customer = await Server.SignedUpAsync(Roles.Customer);
        var userId = await IdOfAsync(customer);
        await ValidatedUsage.ComputeJobAsync(Server, customer, units: 3, priceCentsPerUnit: 4, "10.76.0");
        await InvoiceFlow.RelayEverythingAsync(Server, admin);
        var stripeCustomer = (await ValidatedUsage.StripeCustomerOfAsync(Server, userId))!.CustomerId;
        var webhooks = fixture.Stripe.Webhooks;
        webhooks.DeliverTo(new Uri(Server.Address, InvoiceFlow.WebhookPath));
        webhooks.Hold();
        var invoice = Assert.Single(fixture.Stripe.CloseBillingPeriod(stripeCustomer));
        var paid = Assert.Single(fixture.Stripe.Events, e => e.Type == "invoice.paid" && e.ObjectId == invoice.Id);

        webhooks.Release();
        var receipts = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => InvoiceFlow.DeliverUnderNewIdAsync(Server, fixture.Stripe, paid)));
        await webhooks.WaitUntilIdleAsync(TimeSpan.FromSeconds(60));

        // The original and four copies: exactly one of the five events posted, whichever won.
        var stored = await InvoiceFlow.EventsAboutAsync(Server, invoice.Id);
        Assert.Equal(5, stored.Count);
        Assert.Single(stored, e => e.Effect.Contains("12 cents posted", StringComparison.Ordinal));
        Assert.Equal(4, stored.Count(e => e.Effect.Contains("paid already", StringComparison.Ordinal)));
        Assert.All(receipts, receipt => Assert.False((bool)receipt["duplicate"]!));
        Assert.Equal(1, await InvoiceFlow.TransfersAsync(Server, InvoiceTransfers.PaidKind, invoice.Id));
        Assert.Equal(1, await InvoiceFlow.TransfersAsync(Server, InvoiceTransfers.CashKind, invoice.Id));
        Assert.Equal(0, await InvoiceFlow.UsageBalanceAsync(Server, userId));
        Assert.Equal(12, (await InvoiceFlow.InvoiceAsync(Server, invoice.Id))!.AmountPaidCents);
    }

    [Fact]
    public async Task The_usage_check_lists_a_customer_whose_total_differs_from_stripe_and_rows_not_at_stripe()
    {
        using var admin = await Server.AdminAsync();
        using var customer = await Server.SignedUpAsync(Roles.Customer);
        var userId = await IdOfAsync(customer);
        var job = await ValidatedUsage.ComputeJobAsync(Server, customer, units: 2, priceCentsPerUnit: 9, "10.73.0");
        await InvoiceFlow.RelayEverythingAsync(Server, admin);
        var stripeCustomer = (await ValidatedUsage.StripeCustomerOfAsync(Server, userId))!.CustomerId;
        var rows = await ValidatedUsage.RowsOfAsync(Server, job);

        // One row made dearer after it was sent (Stripe still holds 9), one put back to Pending (Stripe holds it too).
        await ExecuteAsync($"UPDATE compute_usage SET \"AmountCents\" = 10 WHERE \"UnitId\" = {rows[0].UnitId}");
        await ExecuteAsync($"UPDATE compute_usage SET \"StripeState\" = 'Pending', \"StripeNextAttemptAt\" = now() + interval '1 day' WHERE \"UnitId\" = {rows[1].UnitId}");
        try
        {
            var report = (await admin.GetFromJsonAsync<ReconciliationReport>("/api/admin/reconciliation"))!;

            Assert.False(report.Balanced);
            var usage = Assert.Single(report.External, e => e.Name == CheckStripeUsage.Name);
            Assert.Equal(2, usage.UnmatchedCount);
            var differs = Assert.Single(usage.Unmatched, u => u.Kind == CheckStripeUsage.DiffersKind);
            Assert.Equal((stripeCustomer, 10L), (differs.Reference, differs.Amount));
            Assert.Contains("Stripe's 18 cents", differs.Problem, StringComparison.Ordinal);
            var pending = Assert.Single(usage.Unmatched, u => u.Kind == CheckStripeUsage.NotAtStripeKind);
            Assert.Equal(rows[1].UnitId.ToString(), pending.Reference);
            Assert.False(Assert.Single(usage.Identities).Balanced);
        }
        finally
        {
            await ExecuteAsync($"UPDATE compute_usage SET \"AmountCents\" = 9 WHERE \"UnitId\" = {rows[0].UnitId}");
            await ExecuteAsync($"UPDATE compute_usage SET \"StripeState\" = 'Sent', \"StripeNextAttemptAt\" = NULL WHERE \"UnitId\" = {rows[1].UnitId}");
        }
    }

    private async Task ExecuteAsync(string sql)
    {
        var dataSource = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<Npgsql.NpgsqlDataSource>(Server.Services);
        await using var command = dataSource.CreateCommand(sql);
        Assert.Equal(1, await command.ExecuteNonQueryAsync());
    }
}
