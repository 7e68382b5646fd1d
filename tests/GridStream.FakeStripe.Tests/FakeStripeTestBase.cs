using Stripe;
using Stripe.Billing;

namespace GridStream.Testing.FakeStripeTests;

/// <summary>A fresh fake per test class, driven only through the real Stripe.net client.</summary>
public abstract class FakeStripeTestBase : IAsyncLifetime
{
    protected FakeStripe Stripe { get; private set; } = null!;
    protected StripeClient Client { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Stripe = await FakeStripe.StartAsync();
        Client = Stripe.CreateClient();
    }

    public async Task DisposeAsync() => await Stripe.DisposeAsync();

    protected static async Task<StripeException> Refused(Func<Task> call) => await Assert.ThrowsAsync<StripeException>(call);

    protected async Task<(Customer Customer, Meter Meter, Price Price)> MeteredCustomerAsync(string eventName,
        long unitAmount = 3)
    {
        var meter = await Client.V1.Billing.Meters.CreateAsync(new MeterCreateOptions
        {
            DisplayName = "Validated compute units",
            EventName = eventName,
            DefaultAggregation = new MeterDefaultAggregationOptions { Formula = "sum" },
            CustomerMapping = new MeterCustomerMappingOptions { EventPayloadKey = "stripe_customer_id", Type = "by_id" },
            ValueSettings = new MeterValueSettingsOptions { EventPayloadKey = "value" },
        });
        var price = await Client.V1.Prices.CreateAsync(new PriceCreateOptions
        {
            Currency = "usd",
            UnitAmount = unitAmount,
            ProductData = new PriceProductDataOptions { Name = "Compute" },
            Recurring = new PriceRecurringOptions { Interval = "month", UsageType = "metered", Meter = meter.Id },
        });
        var customer = await Client.V1.Customers.CreateAsync(new CustomerCreateOptions { Email = "customer@example.com" });
        await Client.V1.Subscriptions.CreateAsync(new SubscriptionCreateOptions
        {
            Customer = customer.Id,
            Items = [new SubscriptionItemOptions { Price = price.Id }],
        });
        return (customer, meter, price);
    }

    protected async Task<Account> OnboardedAccountAsync()
    {
        var account = await Client.V1.Accounts.CreateAsync(new AccountCreateOptions
        {
            Type = "express",
            Country = "US",
            Email = "owner@example.com",
            Capabilities = new AccountCapabilitiesOptions
            {
                Transfers = new AccountCapabilitiesTransfersOptions { Requested = true },
            },
        });
        Stripe.EnablePayouts(account.Id);
        return account;
    }

    protected static MeterEventCreateOptions Usage(string eventName, string customerId, string identifier, string value,
        DateTime? timestamp = null) => new()
    {
        EventName = eventName,
        Identifier = identifier,
        Payload = new Dictionary<string, string> { ["stripe_customer_id"] = customerId, ["value"] = value },
        Timestamp = timestamp,
    };
}
