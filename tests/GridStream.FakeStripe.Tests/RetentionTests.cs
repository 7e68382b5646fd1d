using Stripe;

namespace GridStream.Testing.FakeStripeTests;

public sealed class RetentionTests : IAsyncLifetime
{
    private readonly ManualClock _clock = new(new DateTimeOffset(2026, 11, 1, 12, 0, 0, TimeSpan.Zero));
    private FakeStripe _stripe = null!;
    private StripeClient _client = null!;

    public async Task InitializeAsync()
    {
        _stripe = await FakeStripe.StartAsync(new FakeStripeOptions { TimeProvider = _clock });
        _client = _stripe.CreateClient();
    }

    public async Task DisposeAsync() => await _stripe.DisposeAsync();

    [Fact]
    public async Task An_idempotency_key_is_kept_for_24_hours_then_forgotten()
    {
        var key = new RequestOptions { IdempotencyKey = "customer-1" };
        await _client.V1.Customers.CreateAsync(new CustomerCreateOptions { Email = "a@example.com" }, key);

        _clock.Advance(TimeSpan.FromHours(23));
        var conflict = await Assert.ThrowsAsync<StripeException>(() =>
            _client.V1.Customers.CreateAsync(new CustomerCreateOptions { Email = "b@example.com" }, key));
        Assert.Equal("idempotency_error", conflict.StripeError.Type);

        _clock.Advance(TimeSpan.FromHours(1));
        await _client.V1.Customers.CreateAsync(new CustomerCreateOptions { Email = "b@example.com" }, key);
        Assert.Equal(2, _stripe.Customers.Count);
    }

    [Fact]
    public async Task Meter_event_identifiers_are_unique_for_24_hours_and_timestamps_follow_the_clock()
    {
        await _client.V1.Billing.Meters.CreateAsync(new Stripe.Billing.MeterCreateOptions
        {
            DisplayName = "Units",
            EventName = "units",
            DefaultAggregation = new Stripe.Billing.MeterDefaultAggregationOptions { Formula = "sum" },
        });
        var customer = await _client.V1.Customers.CreateAsync(new CustomerCreateOptions());
        Stripe.Billing.MeterEventCreateOptions Usage() => new()
        {
            EventName = "units",
            Identifier = "usage-1",
            Payload = new Dictionary<string, string> { ["stripe_customer_id"] = customer.Id, ["value"] = "1" },
            Timestamp = _clock.GetUtcNow().UtcDateTime,
        };

        await _client.V1.Billing.MeterEvents.CreateAsync(Usage());
        _clock.Advance(TimeSpan.FromHours(23));
        var duplicate = await Assert.ThrowsAsync<StripeException>(() => _client.V1.Billing.MeterEvents.CreateAsync(Usage()));
        Assert.Equal("identifier", duplicate.StripeError.Param);

        _clock.Advance(TimeSpan.FromHours(1));
        await _client.V1.Billing.MeterEvents.CreateAsync(Usage());
        Assert.Equal(2, _stripe.MeterEvents.Count);
    }
}
