using System.Text.Json.Serialization;
using GridStream.Domain.Ledger;

namespace GridStream.Domain.Payouts;

/// <summary>One figure of an identity's side, signed as it counts ("spent" is negative on "issued − spent").</summary>
public sealed record IdentityTerm(string Label, long Amount);

/// <summary>One side of an identity: its terms and their sum.</summary>
public sealed record IdentitySide(string Label, IReadOnlyList<IdentityTerm> Terms)
{
    public long Total => Terms.Sum(t => t.Amount);
}

/// <summary>
/// Something the books must satisfy (money.md): every side adds up to the same total. Sums are checked, so an
/// overflow is an error, never a wrong "balanced".
/// </summary>
public sealed record ReconciliationIdentity(
    string Name, [property: JsonConverter(typeof(JsonStringEnumConverter<Currency>))] Currency Currency, IReadOnlyList<IdentitySide> Sides)
{
    public bool Balanced => Sides.Count > 0 && Sides.All(s => s.Total == Sides[0].Total);

    /// <summary>Credits issued − spent = Σ wallets.</summary>
    public static ReconciliationIdentity Credits(long issued, long spent, long wallets) => new(
        "credits issued − spent = Σ wallets", Currency.Credits,
        [
            new("issued − spent", [new("issued (compute.credit)", issued), new("spent (posted license.purchase)", checked(-spent))]),
            new("wallets", [new("Σ wallets (posted)", wallets)]),
        ]);

    /// <summary>Owner earnings = paid + in transit + outstanding.</summary>
    public static ReconciliationIdentity Earnings(long earned, long paid, long inTransit, long outstanding) => new(
        "owner earnings = paid + in transit + outstanding", Currency.Credits,
        [
            new("earned", [new("Σ license.earnings", earned)]),
            new("paid + in transit + outstanding",
            [
                new("paid (posted payout.credits − payout.credits.reversed)", paid), new("in transit (pending payout.credits)", inTransit),
                new("outstanding (Σ earnings available)", outstanding),
            ]),
        ]);

    /// <summary>Customer usage = Σ accepted units × their job's price = Σ usage rows.</summary>
    public static ReconciliationIdentity Usage(long usageTransfers, long acceptedUnitsTimesPrice, long usageRows) => new(
        "customer usage = Σ accepted units × price", Currency.Usd,
        [
            new("usage transfers", [new("Σ compute.usage", usageTransfers)]),
            new("accepted units × price", [new("Σ accepted units × job price", acceptedUnitsTimesPrice)]),
            new("usage rows", [new("Σ compute_usage", usageRows)]),
        ]);

    /// <summary>Σ debits = Σ credits (posted and pending), i.e. the balances of all accounts add up to zero.</summary>
    public static ReconciliationIdentity DebitsEqualCredits(Currency currency, long debitsPosted, long creditsPosted, long debitsPending, long creditsPending) => new(
        "Σ debits = Σ credits", currency,
        [
            new("debits", [new("posted", debitsPosted), new("pending", debitsPending)]),
            new("credits", [new("posted", creditsPosted), new("pending", creditsPending)]),
        ]);
}
