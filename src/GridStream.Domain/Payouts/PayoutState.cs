using System.Text.Json.Serialization;

namespace GridStream.Domain.Payouts;

/// <summary>
/// Where a payout is: its ledger transfers are pending while it is in transit, posted once it is paid, voided when it
/// failed (the credits are then outstanding again).
/// </summary>
[JsonConverter(typeof(JsonStringEnumConverter<PayoutState>))]
public enum PayoutState
{
    InTransit,
    Paid,
    Failed,
}
