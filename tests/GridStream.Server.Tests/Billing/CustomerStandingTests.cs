using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using GridStream.Domain.Accounts;
using GridStream.Domain.Billing;
using GridStream.Server.Billing;
using GridStream.Server.Tests.Infrastructure;
using static GridStream.Server.Tests.Licensing.LicensingClient;

namespace GridStream.Server.Tests.Billing;

/// <summary>A failed invoice payment makes the customer past due (402 on new jobs) until Stripe reports it paid, in any order.</summary>
public sealed class CustomerStandingTests(StripeServerFixture fixture) : IClassFixture<StripeServerFixture>
{
    private GridStreamFactory Server => fixture.Server;

    [Fact]
    public async Task A_failed_payment_refuses_new_jobs_with_a_402_until_the_invoice_is_paid()
    {
        var (customer, userId, stripeCustomer) = await BilledCustomerAsync("10.74.0", priceCentsPerUnit: 12);
        fixture.Stripe.Webhooks.DeliverTo(new Uri(Server.Address, InvoiceFlow.WebhookPath));

        var invoice = Assert.Single(fixture.Stripe.CloseBillingPeriod(stripeCustomer, paymentFails: true));
        await fixture.Stripe.Webhooks.WaitUntilIdleAsync(TimeSpan.FromSeconds(60));

        using (var refused = await SubmitAsync(customer))
        {
            Assert.Equal(HttpStatusCode.PaymentRequired, refused.StatusCode);
            Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
            var problem = JsonDocument.Parse(await refused.Content.ReadAsStringAsync()).RootElement;
            Assert.Contains("payment method", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }

        var pastDue = (await customer.GetFromJsonAsync<BillingAccountView>("/api/billing/account"))!;
        Assert.Equal(Standing.PastDue, pastDue.Standing);
        Assert.Equal((invoice.Id, InvoiceStatus.PaymentFailed), (pastDue.Invoices.Items[0].InvoiceId, pastDue.Invoices.Items[0].Status));
        Assert.Equal((24L, 0L, 24L), (pastDue.TotalUsageCents, pastDue.TotalPaidCents, pastDue.OutstandingCents));
        Assert.Equal(0, await InvoiceFlow.TransfersAsync(Server, InvoiceTransfers.PaidKind, invoice.Id));

        fixture.Stripe.PayInvoice(invoice.Id);
        await fixture.Stripe.Webhooks.WaitUntilIdleAsync(TimeSpan.FromSeconds(60));

        using (var accepted = await SubmitAsync(customer))
        {
            Assert.Equal(HttpStatusCode.Created, accepted.StatusCode);
            await CancelAsync(customer, accepted);
        }

        var good = (await customer.GetFromJsonAsync<BillingAccountView>("/api/billing/account"))!;
        Assert.Equal((Standing.Good, 24L, 0L), (good.Standing, good.TotalPaidCents, good.OutstandingCents));
        Assert.Equal(1, await InvoiceFlow.TransfersAsync(Server, InvoiceTransfers.PaidKind, invoice.Id));
        Assert.Equal(0, await InvoiceFlow.UsageBalanceAsync(Server, userId));
    }

    [Fact]
    public async Task Paid_delivered_before_the_earlier_failure_leaves_the_customer_in_good_standing()
    {
        var (customer, userId, stripeCustomer) = await BilledCustomerAsync("10.75.0", priceCentsPerUnit: 8);
        var webhooks = fixture.Stripe.Webhooks;
        webhooks.DeliverTo(new Uri(Server.Address, InvoiceFlow.WebhookPath));
        webhooks.Hold();
        var invoice = Assert.Single(fixture.Stripe.CloseBillingPeriod(stripeCustomer, paymentFails: true));
        fixture.Stripe.PayInvoice(invoice.Id);
        webhooks.Release(newestFirst: true);
        await webhooks.WaitUntilIdleAsync(TimeSpan.FromSeconds(60));

        var stored = await InvoiceFlow.EventsAboutAsync(Server, invoice.Id);
        Assert.Equal(["invoice.paid", "invoice.payment_failed"], stored.OrderBy(e => e.ReceivedAt).Select(e => e.Type));
        Assert.Equal(InvoiceStatus.Paid, (await InvoiceFlow.InvoiceAsync(Server, invoice.Id))!.Status);
        var account = (await customer.GetFromJsonAsync<BillingAccountView>("/api/billing/account"))!;
        Assert.Equal(Standing.Good, account.Standing);
        Assert.Equal(0, await InvoiceFlow.UsageBalanceAsync(Server, userId));
        Assert.Equal(1, await InvoiceFlow.TransfersAsync(Server, InvoiceTransfers.CashKind, invoice.Id));
        using var accepted = await SubmitAsync(customer);
        Assert.Equal(HttpStatusCode.Created, accepted.StatusCode);
        await CancelAsync(customer, accepted);
    }

    [Fact]
    public async Task An_invoice_of_a_customer_we_do_not_know_is_recorded_and_changes_nothing()
    {
        var client = fixture.Stripe.CreateClient();
        var stranger = await client.V1.Customers.CreateAsync(new Stripe.CustomerCreateOptions { Email = "stranger@example.com" });
        await client.V1.Subscriptions.CreateAsync(new Stripe.SubscriptionCreateOptions
        {
            Customer = stranger.Id, Items = [new Stripe.SubscriptionItemOptions { Price = fixture.PriceId }],
        });
        fixture.Stripe.Webhooks.DeliverTo(new Uri(Server.Address, InvoiceFlow.WebhookPath));

        var invoice = Assert.Single(fixture.Stripe.CloseBillingPeriod(stranger.Id));
        await fixture.Stripe.Webhooks.WaitUntilIdleAsync(TimeSpan.FromSeconds(60));

        var stored = Assert.Single(await InvoiceFlow.EventsAboutAsync(Server, invoice.Id));
        Assert.Contains("unknown customer", stored.Effect, StringComparison.Ordinal);
        Assert.Null(await InvoiceFlow.InvoiceAsync(Server, invoice.Id));
        Assert.Equal(0, await InvoiceFlow.TransfersAsync(Server, InvoiceTransfers.PaidKind, invoice.Id));
    }

    [Fact]
    public async Task The_account_pages_are_checked_and_it_is_for_customers_only()
    {
        using var customer = await Server.SignedUpAsync(Roles.Customer);
        using var viewer = await Server.SignedUpAsync(Roles.Viewer);

        var fresh = (await customer.GetFromJsonAsync<BillingAccountView>("/api/billing/account?page=1&pageSize=10"))!;
        Assert.Equal((StripeConnection.NotConnected, (string?)null, Standing.Good, 0), (fresh.Stripe, fresh.StripeCustomerId, fresh.Standing, fresh.Invoices.Total));
        Assert.Equal(HttpStatusCode.BadRequest, (await customer.GetAsync("/api/billing/account?pageSize=0")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.GetAsync("/api/billing/account")).StatusCode);
    }

    /// <summary>A customer with two accepted units at the price, relayed to Stripe; its Stripe customer id.</summary>
    private async Task<(HttpClient Customer, Guid UserId, string StripeCustomer)> BilledCustomerAsync(string subnet, long priceCentsPerUnit)
    {
        using var admin = await Server.AdminAsync();
        var customer = await Server.SignedUpAsync(Roles.Customer);
        var userId = await IdOfAsync(customer);
        await ValidatedUsage.ComputeJobAsync(Server, customer, units: 2, priceCentsPerUnit, subnet);
        await InvoiceFlow.RelayEverythingAsync(Server, admin);
        return (customer, userId, (await ValidatedUsage.StripeCustomerOfAsync(Server, userId))!.CustomerId);
    }

    private static Task<HttpResponseMessage> SubmitAsync(HttpClient customer) => customer.PostAsJsonAsync("/api/jobs", new
    {
        name = "after the invoice", code = Jobs.Doubling, inputs = new[] { 1 }, policy = new { quorum = 1 }, priceCentsPerUnit = 1,
    });

    /// <summary>The accepted job is cancelled so that no later test's viewer computes it.</summary>
    private static async Task CancelAsync(HttpClient customer, HttpResponseMessage created)
    {
        var job = Jobs.IdOf(JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement);
        using var cancelled = await customer.DeleteAsync($"/api/jobs/{job}");
        Assert.True(cancelled.IsSuccessStatusCode, await cancelled.Content.ReadAsStringAsync());
    }
}
