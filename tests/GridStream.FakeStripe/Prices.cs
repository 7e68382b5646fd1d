using System.Text.Json.Nodes;

namespace GridStream.Testing;

public sealed record FakeProduct(string Id, long Created, string Name)
{
    internal JsonObject ToJson() => new()
    {
        ["id"] = Id,
        ["object"] = "product",
        ["active"] = true,
        ["created"] = Created,
        ["livemode"] = false,
        ["metadata"] = new JsonObject(),
        ["name"] = Name,
    };
}

/// <summary>A price; <see cref="MeterId"/> is set for metered prices, whose invoices sum that meter's events.</summary>
public sealed record FakePrice(
    string Id, long Created, string Currency, long UnitAmount, string ProductId, string? Interval, string? UsageType,
    string? MeterId, IReadOnlyDictionary<string, string> Metadata)
{
    internal JsonObject ToJson() => new()
    {
        ["id"] = Id,
        ["object"] = "price",
        ["active"] = true,
        ["billing_scheme"] = "per_unit",
        ["created"] = Created,
        ["currency"] = Currency,
        ["livemode"] = false,
        ["metadata"] = StripeJson.Map(Metadata),
        ["product"] = ProductId,
        ["recurring"] = Interval is null ? null : new JsonObject
        {
            ["interval"] = Interval,
            ["interval_count"] = 1,
            ["meter"] = MeterId,
            ["usage_type"] = UsageType,
        },
        ["type"] = Interval is null ? "one_time" : "recurring",
        ["unit_amount"] = UnitAmount,
        ["unit_amount_decimal"] = UnitAmount.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}

internal static class PricesApi
{
    public static void Register(Router router) => router
        .Add("POST", "/v1/products", CreateProduct)
        .Add("POST", "/v1/prices", Create)
        .Add("GET", "/v1/prices/{id}", Retrieve);

    private static JsonObject CreateProduct(ApiCall call)
    {
        var name = call.Form.Required("name");
        call.Form.IgnoreExpand();
        call.Form.RejectUnknown();
        var product = new FakeProduct(StripeState.NewId("prod", 14), call.State.Now, name);
        call.State.Products.Add(product.Id, product);
        return product.ToJson();
    }

    private static JsonObject Create(ApiCall call)
    {
        var form = call.Form;
        var state = call.State;
        var currency = form.OneOf("currency", "usd") ?? throw StripeApiError.Missing("currency");
        var unitAmount = form.OptionalLong("unit_amount") ?? throw StripeApiError.Missing("unit_amount");
        if (unitAmount < 0)
        {
            throw StripeApiError.Invalid("This value must be greater than or equal to 0.", "parameter_invalid_integer",
                "unit_amount");
        }

        var productId = form.Optional("product");
        var productName = form.Child("product_data").Optional("name");
        var metadata = form.Map("metadata");
        form.Optional("nickname");
        string? interval = null, usageType = null, meterId = null;
        if (form.Has("recurring"))
        {
            var recurring = form.Child("recurring");
            interval = recurring.OneOf("interval", "day", "week", "month", "year")
                ?? throw StripeApiError.Missing("recurring[interval]");
            usageType = recurring.OneOf("usage_type", "licensed", "metered") ?? "licensed";
            meterId = recurring.Optional("meter");
        }

        form.IgnoreExpand();
        form.RejectUnknown();

        if (usageType == "metered" && meterId is null)
        {
            throw StripeApiError.Invalid("Metered prices must be backed by a meter: pass recurring[meter].",
                "parameter_missing", "recurring[meter]");
        }

        if (meterId is not null)
        {
            if (usageType != "metered")
            {
                throw StripeApiError.Invalid("recurring[meter] is only allowed with recurring[usage_type]=metered.",
                    "parameter_invalid_string", "recurring[meter]");
            }

            MetersApi.Find(state, meterId, "recurring[meter]");
        }

        switch (productId, productName)
        {
            case (null, null):
                throw StripeApiError.Invalid("You must specify either `product` or `product_data` when creating a price.",
                    "parameter_missing", "product");
            case (not null, not null):
                throw StripeApiError.Invalid("You may only specify one of `product` and `product_data`.",
                    "parameter_invalid_string", "product");
            case (not null, _) when !state.Products.ContainsKey(productId):
                throw StripeApiError.NoSuch("product", productId, "product");
            case (null, not null):
                var product = new FakeProduct(StripeState.NewId("prod", 14), state.Now, productName);
                state.Products.Add(product.Id, product);
                productId = product.Id;
                break;
        }

        var price = new FakePrice(StripeState.NewId("price"), state.Now, currency, unitAmount, productId!, interval,
            usageType, meterId, metadata);
        state.Prices.Add(price.Id, price);
        return price.ToJson();
    }

    private static JsonObject Retrieve(ApiCall call)
    {
        call.Form.IgnoreExpand();
        call.Form.RejectUnknown();
        return Find(call.State, call.Id, "id").ToJson();
    }

    public static FakePrice Find(StripeState state, string id, string param) =>
        state.Prices.TryGetValue(id, out var price) ? price : throw StripeApiError.NoSuch("price", id, param);
}
