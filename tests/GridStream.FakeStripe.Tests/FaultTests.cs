using System.Net;
using Stripe;

namespace GridStream.Testing.FakeStripeTests;

public sealed class FaultTests : FakeStripeTestBase
{
    [Fact]
    public async Task Stripe_net_retries_injected_500s_and_the_request_then_succeeds()
    {
        Stripe.Faults.InjectServerError("/v1/customers", count: 2);
        var retrying = Stripe.CreateClient(maxNetworkRetries: 2);

        var customer = await retrying.V1.Customers.CreateAsync(new CustomerCreateOptions { Email = "a@example.com" });

        Assert.Single(Stripe.Customers);
        Assert.Equal(customer.Id, Stripe.Customers[0].Id);
        Assert.Equal([500, 500, 200], Stripe.Requests.Select(r => r.Status));
        Assert.Equal(0, Stripe.Faults.Pending);
    }

    [Fact]
    public async Task Without_retries_the_500_reaches_the_caller_and_nothing_is_created()
    {
        Stripe.Faults.InjectServerError("/v1/customers");

        var refusal = await Refused(() => Client.V1.Customers.CreateAsync(new CustomerCreateOptions { Email = "a@b.c" }));

        Assert.Equal(HttpStatusCode.InternalServerError, refusal.HttpStatusCode);
        Assert.Equal("api_error", refusal.StripeError.Type);
        Assert.Empty(Stripe.Customers);
    }

    [Fact]
    public async Task A_429_carries_retry_after_and_stripe_net_retries_it_only_when_told_to()
    {
        Stripe.Faults.InjectTooManyRequests("/v1/customers", retryAfterSeconds: 2);
        var retrying = Stripe.CreateClient(maxNetworkRetries: 2);

        var refusal = await Refused(() => retrying.V1.Customers.CreateAsync(new CustomerCreateOptions { Email = "a@b.c" }));

        Assert.Equal(HttpStatusCode.TooManyRequests, refusal.HttpStatusCode);
        Assert.Equal("rate_limit", refusal.StripeError.Code);
        Assert.True(refusal.StripeResponse.Headers.TryGetValues("Retry-After", out var retryAfter));
        Assert.Equal("2", Assert.Single(retryAfter));
        Assert.Empty(Stripe.Customers);

        Stripe.Faults.InjectTooManyRequests("/v1/customers", count: 2, stripeShouldRetry: true);
        await retrying.V1.Customers.CreateAsync(new CustomerCreateOptions { Email = "a@b.c" });
        Assert.Single(Stripe.Customers);
        Assert.Equal([429, 429, 429, 200], Stripe.Requests.Select(r => r.Status));
    }

    [Fact]
    public async Task A_dropped_response_then_a_retry_with_the_same_key_gives_one_transfer()
    {
        var account = await OnboardedAccountAsync();
        Stripe.AddAvailableBalance(5_000);
        Stripe.Faults.DropResponseAfterCommit("/v1/transfers");
        var retrying = Stripe.CreateClient(maxNetworkRetries: 2);

        var transfer = await retrying.V1.Transfers.CreateAsync(
            new TransferCreateOptions { Amount = 1_200, Currency = "usd", Destination = account.Id },
            new RequestOptions { IdempotencyKey = "payout-42" });

        var only = Assert.Single(Stripe.Transfers);
        Assert.Equal(only.Id, transfer.Id);
        Assert.Equal(3_800, Stripe.AvailableBalance());
        var attempts = Stripe.Requests.Where(r => r.Path == "/v1/transfers").ToList();
        Assert.Equal(2, attempts.Count);
        Assert.Equal(FaultKind.DropResponseAfterCommit, attempts[0].Fault);
        Assert.True(attempts[1].Replayed);
        Assert.Single(Stripe.Events, e => e.Type == "transfer.created");
    }

    [Fact]
    public async Task A_dropped_response_without_retries_surfaces_as_a_connection_failure()
    {
        var (customer, _, _) = await MeteredCustomerAsync("units");
        Stripe.Faults.DropResponseAfterCommit("/v1/billing/meter_events");

        await Assert.ThrowsAnyAsync<HttpRequestException>(() =>
            Client.V1.Billing.MeterEvents.CreateAsync(Usage("units", customer.Id, "usage-9", "4"),
                new RequestOptions { IdempotencyKey = "usage-9" }));
        var retried = await Client.V1.Billing.MeterEvents.CreateAsync(Usage("units", customer.Id, "usage-9", "4"),
            new RequestOptions { IdempotencyKey = "usage-9" });

        Assert.Equal("usage-9", retried.Identifier);
        Assert.Single(Stripe.MeterEvents);
    }
}
