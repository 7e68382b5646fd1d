using System.Security.Cryptography;
using System.Text.Json.Nodes;

namespace GridStream.Testing;

/// <summary>
/// Everything the fake knows, in memory. Every request and test control runs under <see cref="Gate"/>, so a request
/// is atomic the way one Stripe API call is.
/// </summary>
internal sealed class StripeState(TimeProvider clock)
{
    private const string IdAlphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    public Lock Gate { get; } = new();
    public TimeProvider Clock { get; } = clock;
    public DateTimeOffset UtcNow => Clock.GetUtcNow();
    public long Now => UtcNow.ToUnixTimeSeconds();

    public Dictionary<string, FakeCustomer> Customers { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, FakeProduct> Products { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, FakeMeter> Meters { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, FakePrice> Prices { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, FakeSubscription> Subscriptions { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, FakeAccount> Accounts { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, FakeTransfer> Transfers { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, FakeInvoice> Invoices { get; } = new(StringComparer.Ordinal);
    public List<FakeMeterEvent> MeterEvents { get; } = [];
    public Dictionary<string, FakeMeterEvent> MeterEventsByIdentifier { get; } = new(StringComparer.Ordinal);
    public List<FakeEvent> Events { get; } = [];
    public List<RecordedRequest> Requests { get; } = [];

    /// <summary>Events raised since the last drain: delivered to the webhook endpoint once the gate is released.</summary>
    public List<FakeEvent> Undelivered { get; } = [];

    /// <summary>The platform's balance in the smallest currency unit, per currency.</summary>
    public Dictionary<string, long> Available { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, long> Pending { get; } = new(StringComparer.Ordinal);

    public static string NewId(string prefix, int length = 24) =>
        prefix + "_" + RandomNumberGenerator.GetString(IdAlphabet, length);

    public FakeEvent Raise(string type, JsonObject dataObject, string? requestId = null, string? idempotencyKey = null,
        JsonObject? previousAttributes = null, string? connectedAccount = null)
    {
        var id = NewId("evt");
        var created = Now;
        var data = new JsonObject { ["object"] = dataObject.DeepClone() };
        if (previousAttributes is not null)
        {
            data["previous_attributes"] = previousAttributes;
        }

        var json = new JsonObject
        {
            ["id"] = id,
            ["object"] = "event",
            ["account"] = connectedAccount,
            ["api_version"] = Stripe.StripeConfiguration.ApiVersion,
            ["created"] = created,
            ["data"] = data,
            ["livemode"] = false,
            ["pending_webhooks"] = 1,
            ["request"] = new JsonObject { ["id"] = requestId, ["idempotency_key"] = idempotencyKey },
            ["type"] = type,
        };
        var raised = new FakeEvent(id, type, created, (string?)dataObject["id"], json.ToJsonString());
        Events.Add(raised);
        Undelivered.Add(raised);
        return raised;
    }

    public long AvailableIn(string currency) => Available.GetValueOrDefault(currency);

    public void AddAvailable(string currency, long amount) => Available[currency] = AvailableIn(currency) + amount;

    public void AddPending(string currency, long amount) => Pending[currency] = Pending.GetValueOrDefault(currency) + amount;
}
