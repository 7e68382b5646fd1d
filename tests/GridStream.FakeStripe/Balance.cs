using System.Text.Json.Nodes;

namespace GridStream.Testing;

/// <summary>GET /v1/balance: the platform's available balance (what transfers draw on) and pending balance.</summary>
internal static class BalanceApi
{
    public static void Register(Router router) => router.Add("GET", "/v1/balance", Retrieve);

    private static JsonObject Retrieve(ApiCall call)
    {
        call.Form.IgnoreExpand();
        call.Form.RejectUnknown();
        return new JsonObject
        {
            ["object"] = "balance",
            ["available"] = Amounts(call.State.Available),
            ["livemode"] = false,
            ["pending"] = Amounts(call.State.Pending),
        };
    }

    private static JsonArray Amounts(IReadOnlyDictionary<string, long> byCurrency)
    {
        var amounts = new JsonArray();
        var currencies = byCurrency.Keys.Append("usd").Distinct().Order(StringComparer.Ordinal);
        foreach (var currency in currencies)
        {
            var amount = byCurrency.GetValueOrDefault(currency);
            amounts.Add(new JsonObject
            {
                ["amount"] = amount,
                ["currency"] = currency,
                ["source_types"] = new JsonObject { ["card"] = amount },
            });
        }

        return amounts;
    }
}
