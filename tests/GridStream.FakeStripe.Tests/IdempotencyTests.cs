using System.Net;
using Stripe;

namespace GridStream.Testing.FakeStripeTests;

public sealed class IdempotencyTests : FakeStripeTestBase
{
    [Fact]
    public async Task The_same_key_and_parameters_replay_the_first_response()
    {
        var key = new RequestOptions { IdempotencyKey = "customer-create-1" };
        var first = await Client.V1.Customers.CreateAsync(new CustomerCreateOptions { Email = "a@example.com" }, key);
        var second = await Client.V1.Customers.CreateAsync(new CustomerCreateOptions { Email = "a@example.com" }, key);

        Assert.Equal(first.Id, second.Id);
        Assert.Single(Stripe.Customers);
        Assert.True(second.StripeResponse.Headers.TryGetValues("Idempotent-Replayed", out var replayed));
        Assert.Equal("true", Assert.Single(replayed));
        Assert.False(first.StripeResponse.Headers.Contains("Idempotent-Replayed"));
    }

    [Fact]
    public async Task The_same_key_with_other_parameters_is_an_idempotency_error()
    {
        var key = new RequestOptions { IdempotencyKey = "customer-create-2" };
        await Client.V1.Customers.CreateAsync(new CustomerCreateOptions { Email = "a@example.com" }, key);

        var refusal = await Refused(() =>
            Client.V1.Customers.CreateAsync(new CustomerCreateOptions { Email = "other@example.com" }, key));

        Assert.Equal(HttpStatusCode.BadRequest, refusal.HttpStatusCode);
        Assert.Equal("idempotency_error", refusal.StripeError.Type);
        Assert.Single(Stripe.Customers);
    }

    [Fact]
    public async Task Parallel_requests_with_one_key_make_one_object()
    {
        var key = new RequestOptions { IdempotencyKey = "parallel" };

        var created = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ =>
            Client.V1.Customers.CreateAsync(new CustomerCreateOptions { Email = "a@example.com" }, key)));

        Assert.Single(Stripe.Customers);
        Assert.Single(created.Select(c => c.Id).Distinct());
    }

    [Fact]
    public async Task Different_keys_make_different_objects()
    {
        await Client.V1.Customers.CreateAsync(new CustomerCreateOptions { Email = "a@example.com" },
            new RequestOptions { IdempotencyKey = "k-1" });
        await Client.V1.Customers.CreateAsync(new CustomerCreateOptions { Email = "a@example.com" },
            new RequestOptions { IdempotencyKey = "k-2" });

        Assert.Equal(2, Stripe.Customers.Count);
    }

    [Fact]
    public async Task A_refusal_from_the_endpoint_is_replayed_but_a_parameter_error_is_not_kept()
    {
        var account = await OnboardedAccountAsync();
        var key = new RequestOptions { IdempotencyKey = "payout-1" };
        var transfer = new TransferCreateOptions { Amount = 500, Currency = "usd", Destination = account.Id };

        var first = await Refused(() => Client.V1.Transfers.CreateAsync(transfer, key));
        Stripe.AddAvailableBalance(1_000);
        var replayed = await Refused(() => Client.V1.Transfers.CreateAsync(transfer, key));

        Assert.Equal("balance_insufficient", first.StripeError.Code);
        Assert.Equal("balance_insufficient", replayed.StripeError.Code);
        Assert.Empty(Stripe.Transfers);

        var badKey = new RequestOptions { IdempotencyKey = "payout-2" };
        var invalid = await Refused(() => Client.V1.Transfers.CreateAsync(
            new TransferCreateOptions { Amount = 0, Currency = "usd", Destination = account.Id }, badKey));
        Assert.Equal("parameter_invalid_integer", invalid.StripeError.Code);
        var created = await Client.V1.Transfers.CreateAsync(
            new TransferCreateOptions { Amount = 0 + 500, Currency = "usd", Destination = account.Id }, badKey);
        Assert.Equal(500, created.Amount);
    }
}
