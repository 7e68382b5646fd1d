using System.Text.Json.Nodes;

namespace GridStream.Testing;

internal static class StripeJson
{
    public static JsonObject Map(IReadOnlyDictionary<string, string> values)
    {
        var map = new JsonObject();
        foreach (var (key, value) in values.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            map[key] = value;
        }

        return map;
    }

    public static JsonObject List(string url, IEnumerable<JsonObject> items, bool hasMore = false)
    {
        var data = new JsonArray();
        foreach (var item in items)
        {
            data.Add(item);
        }

        return new JsonObject { ["object"] = "list", ["data"] = data, ["has_more"] = hasMore, ["url"] = url };
    }

    /// <summary>
    /// Stripe's cursor paging over newest-first objects: <c>limit</c> (1–100, default 10) and <c>starting_after</c>.
    /// </summary>
    public static JsonObject Page<T>(FormBody form, string url, IEnumerable<T> newestFirst, Func<T, string> id,
        Func<T, JsonObject> toJson)
    {
        var limit = form.OptionalLong("limit") ?? 10;
        if (limit is < 1 or > 100)
        {
            throw StripeApiError.Invalid("This value must be greater than or equal to 1 and less than or equal to 100.",
                "parameter_invalid_integer", "limit");
        }

        var startingAfter = form.Optional("starting_after");
        var items = newestFirst.ToList();
        if (startingAfter is not null)
        {
            var index = items.FindIndex(item => id(item) == startingAfter);
            if (index < 0)
            {
                throw StripeApiError.NoSuch("object", startingAfter, "starting_after");
            }

            items = items.Skip(index + 1).ToList();
        }

        return List(url, items.Take((int)limit).Select(toJson), items.Count > limit);
    }
}
