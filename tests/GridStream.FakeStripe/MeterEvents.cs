using System.Globalization;
using System.Text.Json.Nodes;

namespace GridStream.Testing;

/// <summary>An accepted meter event; <see cref="Value"/> is the whole number from the meter's value payload key.</summary>
public sealed record FakeMeterEvent(
    string Identifier, string EventName, string CustomerId, long Value, long Timestamp, long Created,
    IReadOnlyDictionary<string, string> Payload)
{
    internal JsonObject ToJson() => new()
    {
        ["object"] = "billing.meter_event",
        ["created"] = Created,
        ["event_name"] = EventName,
        ["identifier"] = Identifier,
        ["livemode"] = false,
        ["payload"] = StripeJson.Map(Payload),
        ["timestamp"] = Timestamp,
    };
}

/// <summary>
/// POST /v1/billing/meter_events with the synchronous checks Stripe documents: an active meter for the event name,
/// the meter's customer and value keys in the payload, a whole-number value, an existing customer, a timestamp
/// within the past 35 days and at most 5 minutes ahead, and an identifier not seen within 24 hours.
/// The error codes are this fake's names for those refusals; Stripe answers each with a 400.
/// </summary>
internal static class MeterEventsApi
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromDays(35);
    public static readonly TimeSpan MaxAhead = TimeSpan.FromMinutes(5);
    public static readonly TimeSpan IdentifierUniqueness = TimeSpan.FromHours(24);

    public static void Register(Router router) => router.Add("POST", "/v1/billing/meter_events", Create);

    private static JsonObject Create(ApiCall call)
    {
        var form = call.Form;
        var state = call.State;
        var eventName = form.Required("event_name");
        var identifier = form.Optional("identifier") ?? Guid.NewGuid().ToString();
        var timestamp = form.OptionalLong("timestamp") ?? state.Now;
        var payload = form.Map("payload");
        form.IgnoreExpand();
        form.RejectUnknown();

        if (payload.Count == 0)
        {
            throw StripeApiError.Missing("payload");
        }

        if (identifier.Length > 100 || eventName.Length > 100)
        {
            throw StripeApiError.Invalid("identifier and event_name are at most 100 characters.", "parameter_invalid_string",
                identifier.Length > 100 ? "identifier" : "event_name");
        }

        var meter = state.Meters.Values.FirstOrDefault(m => m.Active && m.EventName == eventName)
            ?? throw StripeApiError.Invalid($"No active meter was found for event_name '{eventName}'.", "no_meter",
                "event_name");

        var now = state.UtcNow;
        var when = DateTimeOffset.FromUnixTimeSeconds(timestamp);
        if (when < now - MaxAge)
        {
            throw StripeApiError.Invalid("The timestamp must be within the past 35 calendar days.",
                "timestamp_too_far_in_past", "timestamp");
        }

        if (when > now + MaxAhead)
        {
            throw StripeApiError.Invalid("The timestamp must not be more than 5 minutes in the future.",
                "timestamp_in_future", "timestamp");
        }

        if (!payload.TryGetValue(meter.CustomerPayloadKey, out var customerId))
        {
            throw StripeApiError.Invalid($"The payload must contain '{meter.CustomerPayloadKey}'.",
                "meter_event_no_customer_defined", $"payload[{meter.CustomerPayloadKey}]");
        }

        if (!state.Customers.ContainsKey(customerId))
        {
            throw StripeApiError.Invalid($"No such customer: '{customerId}'", "meter_event_customer_not_found",
                $"payload[{meter.CustomerPayloadKey}]");
        }

        if (!payload.TryGetValue(meter.ValuePayloadKey, out var valueText))
        {
            throw StripeApiError.Invalid($"The payload must contain '{meter.ValuePayloadKey}'.",
                "meter_event_value_not_found", $"payload[{meter.ValuePayloadKey}]");
        }

        if (!long.TryParse(valueText, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            throw StripeApiError.Invalid($"The value '{valueText}' is not a whole number.", "meter_event_invalid_value",
                $"payload[{meter.ValuePayloadKey}]");
        }

        if (state.MeterEventsByIdentifier.TryGetValue(identifier, out var earlier)
            && DateTimeOffset.FromUnixTimeSeconds(earlier.Created) > now - IdentifierUniqueness)
        {
            throw StripeApiError.Invalid(
                $"An event with identifier '{identifier}' already exists; identifiers must be unique.",
                "duplicate_meter_event", "identifier");
        }

        var meterEvent = new FakeMeterEvent(identifier, eventName, customerId, value, timestamp, state.Now, payload);
        state.MeterEvents.Add(meterEvent);
        state.MeterEventsByIdentifier[identifier] = meterEvent;
        return meterEvent.ToJson();
    }
}
