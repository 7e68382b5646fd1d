using System.Text.Json.Nodes;

namespace GridStream.Testing;

public sealed record FakeSubscriptionItem(string Id, string PriceId);

/// <summary>A subscription; <see cref="PeriodStart"/> moves forward each time a billing period is closed.</summary>
public sealed record FakeSubscription(
    string Id, long Created, string CustomerId, IReadOnlyList<FakeSubscriptionItem> Items, string Status,
    long PeriodStart, IReadOnlyDictionary<string, string> Metadata)
{
    internal JsonObject ToJson(StripeState state)
    {
        var periodEnd = DateTimeOffset.FromUnixTimeSeconds(PeriodStart).AddMonths(1).ToUnixTimeSeconds();
        var items = Items.Select(item => new JsonObject
        {
            ["id"] = item.Id,
            ["object"] = "subscription_item",
            ["created"] = Created,
            ["current_period_end"] = periodEnd,
            ["current_period_start"] = PeriodStart,
            ["metadata"] = new JsonObject(),
            ["price"] = PricesApi.Find(state, item.PriceId, "price").ToJson(),
            ["subscription"] = Id,
        });
        return new JsonObject
        {
            ["id"] = Id,
            ["object"] = "subscription",
            ["billing_cycle_anchor"] = Created,
            ["cancel_at_period_end"] = false,
            ["collection_method"] = "charge_automatically",
            ["created"] = Created,
            ["currency"] = "usd",
            ["customer"] = CustomerId,
            ["items"] = StripeJson.List($"/v1/subscription_items?subscription={Id}", items),
            ["livemode"] = false,
            ["metadata"] = StripeJson.Map(Metadata),
            ["start_date"] = Created,
            ["status"] = Status,
        };
    }
}

internal static class SubscriptionsApi
{
    public static void Register(Router router) => router
        .Add("POST", "/v1/subscriptions", Create)
        .Add("GET", "/v1/subscriptions/{id}", Retrieve);

    private static JsonObject Create(ApiCall call)
    {
        var form = call.Form;
        var state = call.State;
        var customerId = form.Required("customer");
        var metadata = form.Map("metadata");
        form.OneOf("collection_method", "charge_automatically", "send_invoice");
        form.OneOf("payment_behavior", "allow_incomplete", "default_incomplete", "error_if_incomplete",
            "pending_if_incomplete");
        form.Optional("description");
        var itemForms = form.Indexed("items");
        var priceIds = itemForms.Select(item =>
        {
            var priceId = item.Required("price");
            item.Map("metadata");
            var quantity = item.OptionalLong("quantity");
            var price = PricesApi.Find(state, priceId, item.Key("price"));
            if (quantity is not null && price.UsageType == "metered")
            {
                throw StripeApiError.Invalid("Quantity should not be specified where usage_type is `metered`.",
                    "parameter_invalid_integer", item.Key("quantity"));
            }

            if (price.Interval is null)
            {
                throw StripeApiError.Invalid($"The price specified ({priceId}) is not recurring.",
                    "parameter_invalid_string", item.Key("price"));
            }

            return priceId;
        }).ToList();
        form.IgnoreExpand();
        form.RejectUnknown();

        CustomersApi.Find(state, customerId, "customer");
        if (priceIds.Count == 0)
        {
            throw StripeApiError.Missing("items");
        }

        var subscription = new FakeSubscription(StripeState.NewId("sub"), state.Now, customerId,
            priceIds.Select(p => new FakeSubscriptionItem(StripeState.NewId("si", 14), p)).ToList(), "active", state.Now,
            metadata);
        state.Subscriptions.Add(subscription.Id, subscription);
        state.Raise("customer.subscription.created", subscription.ToJson(state), call.RequestId, call.IdempotencyKey);
        return subscription.ToJson(state);
    }

    private static JsonObject Retrieve(ApiCall call)
    {
        call.Form.IgnoreExpand();
        call.Form.RejectUnknown();
        return call.State.Subscriptions.TryGetValue(call.Id, out var subscription)
            ? subscription.ToJson(call.State)
            : throw StripeApiError.NoSuch("subscription", call.Id);
    }
}
