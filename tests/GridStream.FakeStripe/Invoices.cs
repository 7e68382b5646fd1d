using System.Text.Json.Nodes;

namespace GridStream.Testing;

public sealed record FakeInvoiceLine(string PriceId, string MeterId, long Quantity, long Amount);

/// <summary>An invoice made by closing a billing period: usage × unit price per metered item.</summary>
public sealed record FakeInvoice(
    string Id, long Created, string CustomerId, string SubscriptionId, long PeriodStart, long PeriodEnd,
    IReadOnlyList<FakeInvoiceLine> Lines, bool Paid, int AttemptCount)
{
    public long AmountDue => Lines.Sum(l => l.Amount);

    internal JsonObject ToJson()
    {
        var lines = Lines.Select((line, index) => new JsonObject
        {
            ["id"] = $"il_{Id[3..]}{index}",
            ["object"] = "line_item",
            ["amount"] = line.Amount,
            ["currency"] = "usd",
            ["description"] = $"{line.Quantity} × metered usage",
            ["period"] = new JsonObject { ["end"] = PeriodEnd, ["start"] = PeriodStart },
            ["pricing"] = new JsonObject
            {
                ["type"] = "price_details",
                ["price_details"] = new JsonObject { ["price"] = line.PriceId },
            },
            ["quantity"] = line.Quantity,
        });
        return new JsonObject
        {
            ["id"] = Id,
            ["object"] = "invoice",
            ["amount_due"] = AmountDue,
            ["amount_paid"] = Paid ? AmountDue : 0,
            ["amount_remaining"] = Paid ? 0 : AmountDue,
            ["attempt_count"] = AttemptCount,
            ["attempted"] = AttemptCount > 0,
            ["billing_reason"] = "subscription_cycle",
            ["created"] = Created,
            ["currency"] = "usd",
            ["customer"] = CustomerId,
            ["lines"] = StripeJson.List($"/v1/invoices/{Id}/lines", lines),
            ["livemode"] = false,
            ["parent"] = new JsonObject
            {
                ["type"] = "subscription_details",
                ["subscription_details"] = new JsonObject { ["subscription"] = SubscriptionId, ["metadata"] = new JsonObject() },
            },
            ["period_end"] = PeriodEnd,
            ["period_start"] = PeriodStart,
            ["status"] = Paid ? "paid" : "open",
            ["total"] = AmountDue,
        };
    }
}

internal static class InvoicesApi
{
    public static void Register(Router router) => router.Add("GET", "/v1/invoices/{id}", Retrieve);

    private static JsonObject Retrieve(ApiCall call)
    {
        call.Form.IgnoreExpand();
        call.Form.RejectUnknown();
        return Find(call.State, call.Id).ToJson();
    }

    private static FakeInvoice Find(StripeState state, string id) =>
        state.Invoices.TryGetValue(id, out var invoice) ? invoice : throw StripeApiError.NoSuch("invoice", id);

    /// <summary>
    /// Ends the current period of each of the customer's subscriptions: every meter event received for the customer
    /// since the last close, aggregated by the meter's formula, times the price's unit amount. Paid invoices raise
    /// invoice.paid and add to the pending balance; failed ones raise invoice.payment_failed and stay open.
    /// </summary>
    public static IReadOnlyList<FakeInvoice> ClosePeriod(StripeState state, string customerId, bool paymentFails,
        HashSet<FakeMeterEvent> billed)
    {
        CustomersApi.Find(state, customerId, "customer");
        var invoices = new List<FakeInvoice>();
        foreach (var subscription in state.Subscriptions.Values.Where(s => s.CustomerId == customerId).ToList())
        {
            var lines = new List<FakeInvoiceLine>();
            foreach (var item in subscription.Items)
            {
                var price = PricesApi.Find(state, item.PriceId, "price");
                if (price.MeterId is null)
                {
                    continue;
                }

                var meter = MetersApi.Find(state, price.MeterId, "meter");
                var events = state.MeterEvents
                    .Where(e => e.CustomerId == customerId && e.EventName == meter.EventName && !billed.Contains(e))
                    .ToList();
                billed.UnionWith(events);
                var quantity = meter.Formula switch
                {
                    "count" => events.Count,
                    "last" => events.Count == 0 ? 0 : events.MaxBy(e => e.Timestamp)!.Value,
                    _ => events.Sum(e => e.Value),
                };
                lines.Add(new FakeInvoiceLine(price.Id, meter.Id, quantity, checked(quantity * price.UnitAmount)));
            }

            var invoice = new FakeInvoice(StripeState.NewId("in"), state.Now, customerId, subscription.Id,
                subscription.PeriodStart, state.Now, lines, Paid: !paymentFails, AttemptCount: 1);
            state.Invoices.Add(invoice.Id, invoice);
            state.Subscriptions[subscription.Id] = subscription with { PeriodStart = state.Now };
            Settle(state, invoice);
            invoices.Add(invoice);
        }

        return invoices;
    }

    /// <summary>A later, successful payment attempt on an open invoice.</summary>
    public static FakeInvoice Pay(StripeState state, string invoiceId)
    {
        var invoice = Find(state, invoiceId);
        if (invoice.Paid)
        {
            return invoice;
        }

        var paid = invoice with { Paid = true, AttemptCount = invoice.AttemptCount + 1 };
        state.Invoices[paid.Id] = paid;
        Settle(state, paid);
        return paid;
    }

    private static void Settle(StripeState state, FakeInvoice invoice)
    {
        if (invoice.Paid)
        {
            state.AddPending("usd", invoice.AmountDue);
            state.Raise("invoice.paid", invoice.ToJson());
        }
        else
        {
            state.Raise("invoice.payment_failed", invoice.ToJson());
        }
    }
}
