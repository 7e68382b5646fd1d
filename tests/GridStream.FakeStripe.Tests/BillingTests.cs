using Stripe;

namespace GridStream.Testing.FakeStripeTests;

public sealed class BillingTests : FakeStripeTestBase
{
    [Fact]
    public async Task Closing_a_period_invoices_the_summed_usage_times_the_unit_price_and_raises_invoice_paid()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        Stripe.Webhooks.DeliverTo(receiver.Endpoint);
        var (customer, _, price) = await MeteredCustomerAsync("units", unitAmount: 3);
        foreach (var (id, value) in new[] { ("u-1", "5"), ("u-2", "7"), ("u-3", "11") })
        {
            await Client.V1.Billing.MeterEvents.CreateAsync(Usage("units", customer.Id, id, value));
        }

        var invoice = Assert.Single(Stripe.CloseBillingPeriod(customer.Id));
        await Stripe.Webhooks.WaitUntilIdleAsync();

        Assert.Equal(3 * (5 + 7 + 11), invoice.AmountDue);
        var paid = receiver.Received
            .Select(r => EventUtility.ConstructEvent(r.Payload, r.Signature, Stripe.WebhookSecret))
            .Single(e => e.Type == "invoice.paid");
        var paidInvoice = Assert.IsType<Invoice>(paid.Data.Object);
        Assert.Equal((invoice.Id, customer.Id, 69L, 69L), (paidInvoice.Id, paidInvoice.CustomerId, paidInvoice.AmountDue,
            paidInvoice.AmountPaid));
        Assert.Equal(price.Id, Assert.Single(invoice.Lines).PriceId);

        var next = Assert.Single(Stripe.CloseBillingPeriod(customer.Id));
        Assert.Equal(0, next.AmountDue);
    }

    [Fact]
    public async Task A_failed_payment_raises_invoice_payment_failed_and_a_later_payment_invoice_paid()
    {
        var (customer, _, _) = await MeteredCustomerAsync("units", unitAmount: 10);
        await Client.V1.Billing.MeterEvents.CreateAsync(Usage("units", customer.Id, "u-1", "2"));

        var invoice = Assert.Single(Stripe.CloseBillingPeriod(customer.Id, paymentFails: true));
        Assert.False(invoice.Paid);
        Assert.Equal("invoice.payment_failed", Stripe.Events[^1].Type);
        var fetched = await Client.V1.Invoices.GetAsync(invoice.Id);
        Assert.Equal(("open", 20L), (fetched.Status, fetched.AmountRemaining));

        Stripe.PayInvoice(invoice.Id);
        Assert.Equal("invoice.paid", Stripe.Events[^1].Type);
        Assert.Equal("paid", (await Client.V1.Invoices.GetAsync(invoice.Id)).Status);
    }
}
