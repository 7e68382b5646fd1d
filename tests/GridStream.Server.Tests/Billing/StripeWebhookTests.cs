using System.Net;
using System.Net.Http.Json;
using System.Text;
using GridStream.Domain.Accounts;
using GridStream.Server.Data;
using GridStream.Server.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static GridStream.Server.Tests.Licensing.LicensingClient;

namespace GridStream.Server.Tests.Billing;

/// <summary>Stripe's webhooks, sent and signed by the local Stripe: verified, recorded once, whatever the order.</summary>
public sealed class StripeWebhookTests(StripeServerFixture fixture) : IClassFixture<StripeServerFixture>
{
    private const string Endpoint = "/api/billing/stripe/webhook";

    private GridStreamFactory Server => fixture.Server;

    [Fact]
    public async Task Every_event_is_recorded_once_though_delivered_twice_and_newest_first()
    {
        var webhooks = fixture.Stripe.Webhooks;
        webhooks.DeliverTo(new Uri(Server.Address, Endpoint));
        webhooks.DeliverEachTwice = true;
        webhooks.Hold();
        var before = fixture.Stripe.Events.Count;
        var customerId = await ProvisionedCustomerAsync();
        var invoice = Assert.Single(fixture.Stripe.CloseBillingPeriod(customerId));
        webhooks.Release(newestFirst: true);
        await webhooks.WaitUntilIdleAsync(TimeSpan.FromSeconds(60));
        webhooks.DeliverEachTwice = false;

        var raised = fixture.Stripe.Events.Skip(before).ToList();
        Assert.Contains(raised, e => e.Type == "invoice.paid" && e.ObjectId == invoice.Id);
        var deliveries = webhooks.Deliveries.Where(d => raised.Any(e => e.Id == d.EventId)).ToList();
        Assert.Equal(2 * raised.Count, deliveries.Count);
        Assert.All(deliveries, delivery => Assert.True(delivery.Succeeded, $"{delivery.EventType}: {delivery.StatusCode} {delivery.Error}"));
        var stored = (await StoredEventsAsync()).Where(e => raised.Any(r => r.Id == e.EventId)).ToList();
        Assert.Equal(raised.Select(e => e.Id).Order(), stored.Select(e => e.EventId).Order());
        var paid = Assert.Single(stored, e => e.Type == "invoice.paid");
        Assert.Equal(invoice.Id, paid.ObjectId);
        Assert.Contains(invoice.Id, paid.Payload);
    }

    [Fact]
    public async Task Forged_and_stale_signatures_are_refused_and_leave_nothing_until_a_true_delivery()
    {
        var webhooks = fixture.Stripe.Webhooks;
        webhooks.DeliverTo(new Uri(Server.Address, Endpoint));
        webhooks.MaxAttempts = 1;
        webhooks.ForgeSignatures = true;
        var before = fixture.Stripe.Events.Count;
        await ProvisionedCustomerAsync();
        await webhooks.WaitUntilIdleAsync(TimeSpan.FromSeconds(60));
        webhooks.ForgeSignatures = false;
        var forged = fixture.Stripe.Events.Skip(before).ToList();
        Assert.NotEmpty(forged);

        webhooks.SignatureAge = TimeSpan.FromMinutes(10);
        webhooks.Resend(forged[0].Id);
        await webhooks.WaitUntilIdleAsync(TimeSpan.FromSeconds(60));
        webhooks.SignatureAge = null;

        var refused = webhooks.Deliveries.Where(d => forged.Any(e => e.Id == d.EventId)).ToList();
        Assert.All(refused, delivery => Assert.Equal((int)HttpStatusCode.BadRequest, delivery.StatusCode));
        Assert.Equal(forged.Count + 1, refused.Count);
        var stored = await StoredEventsAsync();
        Assert.DoesNotContain(stored, e => forged.Any(f => f.Id == e.EventId));

        webhooks.MaxAttempts = 4;
        webhooks.Resend(forged[0].Id);
        await webhooks.WaitUntilIdleAsync(TimeSpan.FromSeconds(60));
        Assert.Contains(await StoredEventsAsync(), e => e.EventId == forged[0].Id);
    }

    [Fact]
    public async Task An_unsigned_or_malformed_request_is_a_400_problem()
    {
        using var client = Server.Anonymous();

        using var unsigned = await client.PostAsync(Endpoint, new StringContent("{\"id\":\"evt_1\"}", Encoding.UTF8, "application/json"));
        using var request = new HttpRequestMessage(HttpMethod.Post, Endpoint) { Content = new StringContent("not json", Encoding.UTF8, "application/json") };
        request.Headers.TryAddWithoutValidation("Stripe-Signature", "t=1,v1=00");
        using var malformed = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, unsigned.StatusCode);
        Assert.Equal("application/problem+json", unsigned.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
    }

    private async Task<string> ProvisionedCustomerAsync()
    {
        using var customer = await Server.SignedUpAsync(Roles.Customer);
        var userId = await IdOfAsync(customer);
        (await customer.PostAsJsonAsync("/api/keys", new { name = "webhooks" })).EnsureSuccessStatusCode();
        var deadline = DateTime.UtcNow.AddSeconds(120);
        while (true)
        {
            if (await ValidatedUsage.StripeCustomerOfAsync(Server, userId) is { SubscriptionId: not null } stored)
            {
                return stored.CustomerId;
            }

            Assert.True(DateTime.UtcNow < deadline, "the Stripe customer was not provisioned within 120 s");
            await Task.Delay(200);
        }
    }

    private async Task<List<StripeWebhookEvent>> StoredEventsAsync()
    {
        await using var scope = Server.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GridStreamDbContext>();
        return await db.StripeWebhookEvents.AsNoTracking().ToListAsync();
    }
}
