using System.Net;
using Stripe;
using Stripe.Billing;

namespace GridStream.Testing.FakeStripeTests;

public sealed class MeterEventSummaryTests : FakeStripeTestBase
{
    private const string EventName = "gridstream_cents";

    /// <summary>A minute boundary an hour back: events fit in Stripe's 35-day window and are not in the future.</summary>
    private static readonly DateTime Start = DateTimeOffset.FromUnixTimeSeconds(
        (DateTimeOffset.UtcNow.AddHours(-1).ToUnixTimeSeconds() / 3_600) * 3_600).UtcDateTime;

    [Fact]
    public async Task A_summary_sums_one_customers_events_of_the_meter_from_start_inclusive_to_end_exclusive()
    {
        var (customer, meter, _) = await MeteredCustomerAsync(EventName);
        var (other, _) = await OtherCustomerAsync();
        var end = Start.AddMinutes(10);
        await SendAsync(customer.Id, "at-start", 5, Start);
        await SendAsync(customer.Id, "inside", 7, Start.AddSeconds(30));
        await SendAsync(customer.Id, "last-second", 11, end.AddSeconds(-1));
        await SendAsync(customer.Id, "at-end", 1_000, end);
        await SendAsync(customer.Id, "before", 2_000, Start.AddSeconds(-1));
        await SendAsync(other.Id, "other-customer", 3_000, Start.AddSeconds(10));

        var summaries = await Client.V1.Billing.Meters.EventSummaries.ListAsync(meter.Id,
            new MeterEventSummaryListOptions { Customer = customer.Id, StartTime = Start, EndTime = end });

        var summary = Assert.Single(summaries.Data);
        Assert.Equal(23, (long)summary.AggregatedValue);
        Assert.Equal((Start, end, meter.Id), (summary.StartTime, summary.EndTime, summary.Meter));
        Assert.Equal("billing.meter_event_summary", summary.Object);
    }

    [Fact]
    public async Task Hourly_grouping_gives_one_summary_per_hour_newest_first()
    {
        var (customer, meter, _) = await MeteredCustomerAsync(EventName);
        await SendAsync(customer.Id, "first-hour", 4, Start.AddMinutes(-30));
        await SendAsync(customer.Id, "second-hour", 6, Start.AddMinutes(10));

        var summaries = await Client.V1.Billing.Meters.EventSummaries.ListAsync(meter.Id, new MeterEventSummaryListOptions
        {
            Customer = customer.Id, StartTime = Start.AddHours(-1), EndTime = Start.AddHours(1), ValueGroupingWindow = "hour",
        });

        Assert.Equal([6L, 4L], summaries.Data.Select(s => (long)s.AggregatedValue));
        Assert.Equal([Start, Start.AddHours(-1)], summaries.Data.Select(s => s.StartTime));
    }

    [Theory]
    [InlineData("customer")]
    [InlineData("start_time")]
    [InlineData("end_time")]
    public async Task Customer_start_and_end_are_required(string missing)
    {
        var (customer, meter, _) = await MeteredCustomerAsync(EventName);
        var options = new MeterEventSummaryListOptions
        {
            Customer = missing == "customer" ? null : customer.Id,
            StartTime = missing == "start_time" ? null : Start,
            EndTime = missing == "end_time" ? null : Start.AddMinutes(1),
        };

        var refusal = await Refused(() => Client.V1.Billing.Meters.EventSummaries.ListAsync(meter.Id, options));

        Assert.Equal(HttpStatusCode.BadRequest, refusal.HttpStatusCode);
        Assert.Equal(("parameter_missing", missing), (refusal.StripeError.Code, refusal.StripeError.Param));
    }

    [Theory]
    [InlineData(0, 0, "start_time")]
    [InlineData(5, 0, "start_time")]
    [InlineData(0.5, 1, "start_time")]
    [InlineData(0, 1.5, "end_time")]
    public async Task Start_must_come_before_end_and_both_on_minute_boundaries(double startMinutes, double endMinutes, string param)
    {
        var (customer, meter, _) = await MeteredCustomerAsync(EventName);

        var refusal = await Refused(() => Client.V1.Billing.Meters.EventSummaries.ListAsync(meter.Id, new MeterEventSummaryListOptions
        {
            Customer = customer.Id, StartTime = Start.AddMinutes(startMinutes), EndTime = Start.AddMinutes(endMinutes),
        }));

        Assert.Equal(HttpStatusCode.BadRequest, refusal.HttpStatusCode);
        Assert.Equal(param, refusal.StripeError.Param);
    }

    [Fact]
    public async Task An_unknown_meter_or_customer_is_refused()
    {
        var (customer, meter, _) = await MeteredCustomerAsync(EventName);
        var window = new MeterEventSummaryListOptions { Customer = customer.Id, StartTime = Start, EndTime = Start.AddMinutes(1) };

        var noMeter = await Refused(() => Client.V1.Billing.Meters.EventSummaries.ListAsync("mtr_missing", window));
        var noCustomer = await Refused(() => Client.V1.Billing.Meters.EventSummaries.ListAsync(meter.Id,
            new MeterEventSummaryListOptions { Customer = "cus_missing", StartTime = Start, EndTime = Start.AddMinutes(1) }));

        Assert.Equal(HttpStatusCode.NotFound, noMeter.HttpStatusCode);
        Assert.Equal((HttpStatusCode.BadRequest, "customer"), (noCustomer.HttpStatusCode, noCustomer.StripeError.Param));
    }

    private async Task<(Customer Customer, string Id)> OtherCustomerAsync()
    {
        var customer = await Client.V1.Customers.CreateAsync(new CustomerCreateOptions { Email = "other@example.com" });
        return (customer, customer.Id);
    }

    private Task SendAsync(string customerId, string identifier, long value, DateTime timestamp) =>
        Client.V1.Billing.MeterEvents.CreateAsync(Usage(EventName, customerId, identifier,
            value.ToString(System.Globalization.CultureInfo.InvariantCulture), timestamp));
}
