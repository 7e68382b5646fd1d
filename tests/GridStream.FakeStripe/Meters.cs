using System.Text.Json.Nodes;

namespace GridStream.Testing;

public sealed record FakeMeter(
    string Id, long Created, string DisplayName, string EventName, string Formula, string CustomerPayloadKey,
    string ValuePayloadKey, bool Active)
{
    internal JsonObject ToJson() => new()
    {
        ["id"] = Id,
        ["object"] = "billing.meter",
        ["created"] = Created,
        ["customer_mapping"] = new JsonObject { ["event_payload_key"] = CustomerPayloadKey, ["type"] = "by_id" },
        ["default_aggregation"] = new JsonObject { ["formula"] = Formula },
        ["display_name"] = DisplayName,
        ["event_name"] = EventName,
        ["event_time_window"] = null,
        ["livemode"] = false,
        ["status"] = Active ? "active" : "inactive",
        ["status_transitions"] = new JsonObject { ["deactivated_at"] = null },
        ["updated"] = Created,
        ["value_settings"] = new JsonObject { ["event_payload_key"] = ValuePayloadKey },
    };
}

internal static class MetersApi
{
    public static void Register(Router router) => router
        .Add("POST", "/v1/billing/meters", Create)
        .Add("GET", "/v1/billing/meters", List)
        .Add("GET", "/v1/billing/meters/{id}", Retrieve)
        .Add("POST", "/v1/billing/meters/{id}/deactivate", Deactivate);

    private static JsonObject Create(ApiCall call)
    {
        var form = call.Form;
        var displayName = form.Required("display_name");
        var eventName = form.Required("event_name");
        var formula = form.Child("default_aggregation").OneOf("formula", "sum", "count", "last")
            ?? throw StripeApiError.Missing("default_aggregation[formula]");
        var customerMapping = form.Child("customer_mapping");
        var customerKey = customerMapping.Optional("event_payload_key") ?? "stripe_customer_id";
        customerMapping.OneOf("type", "by_id");
        var valueKey = form.Child("value_settings").Optional("event_payload_key") ?? "value";
        form.OneOf("event_time_window", "day", "hour");
        form.IgnoreExpand();
        form.RejectUnknown();

        if (call.State.Meters.Values.Any(m => m.Active && m.EventName == eventName))
        {
            throw StripeApiError.Invalid(
                $"An active meter with event_name '{eventName}' already exists.", "resource_already_exists", "event_name");
        }

        var meter = new FakeMeter(StripeState.NewId("mtr"), call.State.Now, displayName, eventName, formula, customerKey,
            valueKey, Active: true);
        call.State.Meters.Add(meter.Id, meter);
        return meter.ToJson();
    }

    private static JsonObject List(ApiCall call)
    {
        var status = call.Form.OneOf("status", "active", "inactive");
        var meters = call.State.Meters.Values
            .Where(m => status is null || (status == "active") == m.Active)
            .Reverse();
        var page = StripeJson.Page(call.Form, "/v1/billing/meters", meters, m => m.Id, m => m.ToJson());
        call.Form.IgnoreExpand();
        call.Form.RejectUnknown();
        return page;
    }

    private static JsonObject Retrieve(ApiCall call)
    {
        call.Form.IgnoreExpand();
        call.Form.RejectUnknown();
        return Find(call.State, call.Id, "id").ToJson();
    }

    private static JsonObject Deactivate(ApiCall call)
    {
        call.Form.IgnoreExpand();
        call.Form.RejectUnknown();
        var meter = Find(call.State, call.Id, "id") with { Active = false };
        call.State.Meters[meter.Id] = meter;
        return meter.ToJson();
    }

    public static FakeMeter Find(StripeState state, string id, string param) =>
        state.Meters.TryGetValue(id, out var meter) ? meter : throw StripeApiError.NoSuch("billing.meter", id, param);
}
