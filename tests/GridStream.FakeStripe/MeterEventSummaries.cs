using System.Globalization;
using System.Text.Json.Nodes;

namespace GridStream.Testing;

/// <summary>One aggregation window of a meter's events for one customer, as Stripe reports it.</summary>
public sealed record FakeMeterEventSummary(string MeterId, string CustomerId, long StartTime, long EndTime, long AggregatedValue)
{
    /// <summary>Stripe's summary ids are opaque; this one is stable for the same window so paging can name it.</summary>
    public string Id => string.Create(CultureInfo.InvariantCulture, $"mtrusum_{MeterId[4..]}{StartTime}");

    internal JsonObject ToJson() => new()
    {
        ["id"] = Id,
        ["object"] = "billing.meter_event_summary",
        ["aggregated_value"] = AggregatedValue,
        ["end_time"] = EndTime,
        ["livemode"] = false,
        ["meter"] = MeterId,
        ["start_time"] = StartTime,
    };
}

/// <summary>
/// GET /v1/billing/meters/{id}/event_summaries with the checks Stripe makes: an existing meter; <c>customer</c>,
/// <c>start_time</c> and <c>end_time</c> required; times whole seconds on minute boundaries (hour or day boundaries
/// with <c>value_grouping_window</c>), start before end. A window aggregates, by the meter's formula, the events of
/// that customer and meter whose timestamp is in [start, end). Newest window first, paged like every Stripe list.
/// </summary>
internal static class MeterEventSummariesApi
{
    public static void Register(Router router) => router.Add("GET", "/v1/billing/meters/{id}/event_summaries", List);

    private static JsonObject List(ApiCall call)
    {
        var form = call.Form;
        var meter = MetersApi.Find(call.State, call.Id, "id");
        var customerId = form.Required("customer");
        var start = form.RequiredLong("start_time");
        var end = form.RequiredLong("end_time");
        var window = form.OneOf("value_grouping_window", "hour", "day");
        var step = window switch
        {
            "hour" => 3_600L,
            "day" => 86_400L,
            _ => 60L,
        };
        if (start % step != 0 || end % step != 0)
        {
            throw StripeApiError.Invalid(
                $"start_time and end_time must be aligned with {(window is null ? "minute" : window)} boundaries.",
                "parameter_invalid_integer", start % step != 0 ? "start_time" : "end_time");
        }

        if (start >= end)
        {
            throw StripeApiError.Invalid("start_time must be before end_time.", "parameter_invalid_integer", "start_time");
        }

        CustomersApi.Find(call.State, customerId, "customer");
        var events = call.State.MeterEvents
            .Where(e => e.EventName == meter.EventName && e.CustomerId == customerId && e.Timestamp >= start && e.Timestamp < end)
            .ToList();
        var windows = window is null
            ? [(start, end)]
            : Enumerable.Range(0, checked((int)((end - start) / step))).Select(i => (start + (i * step), start + ((i + 1) * step))).ToList();
        var summaries = windows
            .Select(w => new FakeMeterEventSummary(meter.Id, customerId, w.Item1, w.Item2,
                Aggregate(meter.Formula, events.Where(e => e.Timestamp >= w.Item1 && e.Timestamp < w.Item2).ToList())))
            .Reverse();
        var page = StripeJson.Page(form, $"/v1/billing/meters/{meter.Id}/event_summaries", summaries, s => s.Id, s => s.ToJson());
        form.IgnoreExpand();
        form.RejectUnknown();
        return page;
    }

    private static long Aggregate(string formula, IReadOnlyList<FakeMeterEvent> events) => formula switch
    {
        "count" => events.Count,
        "last" => events.Count == 0 ? 0 : events.MaxBy(e => e.Timestamp)!.Value,
        _ => events.Sum(e => e.Value),
    };
}
