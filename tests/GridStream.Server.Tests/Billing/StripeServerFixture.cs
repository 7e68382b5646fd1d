using GridStream.Server.Tests.Infrastructure;
using GridStream.Testing;
using Stripe;
using Stripe.Billing;

namespace GridStream.Server.Tests.Billing;

/// <summary>
/// The real server with its own database, configured for a local Stripe (tests/GridStream.FakeStripe) that holds a
/// meter and the metered price at 1 cent per unit of value, as an operator sets them up once at Stripe.
/// </summary>
public sealed class StripeServerFixture : IAsyncLifetime
{
    public const string MeterEventName = "gridstream_compute_cents";

    private GridStreamFactory? _server;
    private FakeStripe? _stripe;

    public GridStreamFactory Server => _server ?? throw new InvalidOperationException("The fixture has not started.");

    public FakeStripe Stripe => _stripe ?? throw new InvalidOperationException("The fixture has not started.");

    public string PriceId { get; private set; } = "";

    public async Task InitializeAsync()
    {
        _stripe = await FakeStripe.StartAsync();
        var client = _stripe.CreateClient();
        var meter = await client.V1.Billing.Meters.CreateAsync(new MeterCreateOptions
        {
            DisplayName = "Validated compute, in cents",
            EventName = MeterEventName,
            DefaultAggregation = new MeterDefaultAggregationOptions { Formula = "sum" },
            CustomerMapping = new MeterCustomerMappingOptions { EventPayloadKey = "stripe_customer_id", Type = "by_id" },
            ValueSettings = new MeterValueSettingsOptions { EventPayloadKey = "value" },
        });
        var price = await client.V1.Prices.CreateAsync(new PriceCreateOptions
        {
            Currency = "usd",
            UnitAmount = 1,
            ProductData = new PriceProductDataOptions { Name = "GridStream compute" },
            Recurring = new PriceRecurringOptions { Interval = "month", UsageType = "metered", Meter = meter.Id },
        });
        PriceId = price.Id;

        _server = new GridStreamFactory(await TestCluster.CreateDatabaseAsync(), settings: new Dictionary<string, string>
        {
            ["GridStream:Stripe:SecretKey"] = _stripe.ApiKey,
            ["GridStream:Stripe:WebhookSecret"] = _stripe.WebhookSecret,
            ["GridStream:Stripe:ApiBase"] = _stripe.BaseUrl,
            ["GridStream:Stripe:PriceId"] = price.Id,
            ["GridStream:Stripe:MeterEventName"] = MeterEventName,
            // The tests relay when they choose; the recurring run (yearly here) would only compete for the lock.
            ["GridStream:Stripe:RelaySchedule"] = "0 0 1 1 *",
            ["Logging:LogLevel:Hangfire"] = "Information",
        });
        await _server.StartAsync();
    }

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        if (_stripe is not null)
        {
            await _stripe.DisposeAsync();
        }
    }
}
