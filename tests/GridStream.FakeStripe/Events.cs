using System.Text.Json.Nodes;

namespace GridStream.Testing;

/// <summary>An event as Stripe would send it: <see cref="Json"/> is the exact webhook payload.</summary>
public sealed record FakeEvent(string Id, string Type, long Created, string? ObjectId, string Json);

/// <summary>GET /v1/events/{id}, for handlers that fetch an event again instead of trusting the payload.</summary>
internal static class EventsApi
{
    public static void Register(Router router) => router.Add("GET", "/v1/events/{id}", Retrieve);

    private static JsonObject Retrieve(ApiCall call)
    {
        call.Form.IgnoreExpand();
        call.Form.RejectUnknown();
        var stored = call.State.Events.FirstOrDefault(e => e.Id == call.Id)
            ?? throw StripeApiError.NoSuch("event", call.Id);
        return JsonNode.Parse(stored.Json)!.AsObject();
    }
}
