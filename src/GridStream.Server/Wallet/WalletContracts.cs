using System.Text.Json.Serialization;
using GridStream.Domain.Ledger;

namespace GridStream.Server.Wallet;

/// <summary>An amount of credits twice over: exact, in micro-credits, and as people read it ("12.50").</summary>
public sealed record CreditAmount(long MicroCredits, string Credits)
{
    public static CreditAmount Of(long microCredits) => new(microCredits, MoneyRules.FormatCredits(microCredits));
}

/// <param name="Posted">What the wallet holds.</param>
/// <param name="Available">What can be spent now: posted less what purchases in progress hold.</param>
/// <param name="PendingOut">Held for purchases not yet completed.</param>
/// <param name="PendingIn">On its way in, not spendable yet.</param>
public sealed record WalletBalance(CreditAmount Posted, CreditAmount Available, CreditAmount PendingOut, CreditAmount PendingIn);

/// <summary>
/// One transfer of the wallet, newest first. <paramref name="Amount"/> is signed from the wallet's side: credits in are
/// positive, credits out negative. A purchase's reservation is shown once: as Pending while it is held, and as the
/// transfer that posted (or voided) it once resolved.
/// </summary>
/// <param name="Reference">What the transfer is for: the job computed for compute.credit, the license id for license.purchase.</param>
public sealed record WalletEntry(
    long Id, string Kind, CreditAmount Amount, string? Reference,
    [property: JsonConverter(typeof(JsonStringEnumConverter<TransferState>))] TransferState State, DateTimeOffset At);

/// <param name="NextBefore">Pass as <c>?before=</c> for the next (older) page; null when there is none.</param>
public sealed record WalletView(WalletBalance Balance, IReadOnlyList<WalletEntry> History, long? NextBefore);
