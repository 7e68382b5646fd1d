using System.Net;
using Stripe;
using Stripe.Billing;

namespace GridStream.Testing.FakeStripeTests;

public sealed class MeterEventTests : FakeStripeTestBase
{
    private const string EventName = "gridstream_units";

    [Fact]
    public async Task An_event_for_an_active_meter_and_a_known_customer_is_accepted()
    {
        var (customer, _, _) = await MeteredCustomerAsync(EventName);

        var accepted = await Client.V1.Billing.MeterEvents.CreateAsync(Usage(EventName, customer.Id, "usage-1", "7"));

        Assert.Equal("usage-1", accepted.Identifier);
        var recorded = Assert.Single(Stripe.MeterEvents);
        Assert.Equal((customer.Id, 7L), (recorded.CustomerId, recorded.Value));
        var meters = await Client.V1.Billing.Meters.ListAsync(new MeterListOptions { Status = "active" });
        Assert.Equal(EventName, Assert.Single(meters.Data).EventName);
    }

    [Fact]
    public async Task A_duplicate_identifier_is_refused()
    {
        var (customer, _, _) = await MeteredCustomerAsync(EventName);
        await Client.V1.Billing.MeterEvents.CreateAsync(Usage(EventName, customer.Id, "usage-1", "7"));

        var refusal = await Refused(() =>
            Client.V1.Billing.MeterEvents.CreateAsync(Usage(EventName, customer.Id, "usage-1", "7")));

        Assert.Equal(HttpStatusCode.BadRequest, refusal.HttpStatusCode);
        Assert.Equal("identifier", refusal.StripeError.Param);
        Assert.Single(Stripe.MeterEvents);
    }

    [Theory]
    [InlineData(-36 * 24 * 60, "timestamp_too_far_in_past")]
    [InlineData(6, "timestamp_in_future")]
    public async Task A_timestamp_outside_35_days_back_or_5_minutes_ahead_is_refused(int minutesFromNow, string code)
    {
        var (customer, _, _) = await MeteredCustomerAsync(EventName);

        var refusal = await Refused(() => Client.V1.Billing.MeterEvents.CreateAsync(
            Usage(EventName, customer.Id, "usage-1", "1", DateTime.UtcNow.AddMinutes(minutesFromNow))));

        Assert.Equal(HttpStatusCode.BadRequest, refusal.HttpStatusCode);
        Assert.Equal(code, refusal.StripeError.Code);
        Assert.Empty(Stripe.MeterEvents);
    }

    [Theory]
    [InlineData(-34 * 24 * 60)]
    [InlineData(4)]
    public async Task A_timestamp_inside_the_window_is_accepted(int minutesFromNow)
    {
        var (customer, _, _) = await MeteredCustomerAsync(EventName);

        await Client.V1.Billing.MeterEvents.CreateAsync(
            Usage(EventName, customer.Id, "usage-1", "1", DateTime.UtcNow.AddMinutes(minutesFromNow)));

        Assert.Single(Stripe.MeterEvents);
    }

    [Theory]
    [InlineData("2.5")]
    [InlineData("many")]
    public async Task A_value_that_is_not_a_whole_number_is_refused(string value)
    {
        var (customer, _, _) = await MeteredCustomerAsync(EventName);

        var refusal = await Refused(() =>
            Client.V1.Billing.MeterEvents.CreateAsync(Usage(EventName, customer.Id, "usage-1", value)));

        Assert.Equal("meter_event_invalid_value", refusal.StripeError.Code);
        Assert.Empty(Stripe.MeterEvents);
    }

    [Fact]
    public async Task An_unknown_customer_or_event_name_is_refused()
    {
        var (customer, meter, _) = await MeteredCustomerAsync(EventName);

        var noCustomer = await Refused(() =>
            Client.V1.Billing.MeterEvents.CreateAsync(Usage(EventName, "cus_nobody", "usage-1", "1")));
        var noMeter = await Refused(() =>
            Client.V1.Billing.MeterEvents.CreateAsync(Usage("other_event", customer.Id, "usage-2", "1")));
        await Client.V1.Billing.Meters.DeactivateAsync(meter.Id);
        var inactive = await Refused(() =>
            Client.V1.Billing.MeterEvents.CreateAsync(Usage(EventName, customer.Id, "usage-3", "1")));

        Assert.Equal("meter_event_customer_not_found", noCustomer.StripeError.Code);
        Assert.Equal("no_meter", noMeter.StripeError.Code);
        Assert.Equal("no_meter", inactive.StripeError.Code);
        Assert.Empty(Stripe.MeterEvents);
    }

    [Fact]
    public async Task A_metered_price_needs_an_existing_meter()
    {
        var refusal = await Refused(() => Client.V1.Prices.CreateAsync(new PriceCreateOptions
        {
            Currency = "usd",
            UnitAmount = 3,
            ProductData = new PriceProductDataOptions { Name = "Compute" },
            Recurring = new PriceRecurringOptions { Interval = "month", UsageType = "metered", Meter = "mtr_missing" },
        }));

        Assert.Equal("resource_missing", refusal.StripeError.Code);
        Assert.Equal("recurring[meter]", refusal.StripeError.Param);
    }
}
