namespace GridStream.Domain.Payouts;

/// <summary>What confirming or failing a payout does, given the state it is in.</summary>
public enum SettlementAction
{
    /// <summary>Post (confirm) or void (fail) the pending transfers and move the payout to its final state.</summary>
    Apply,

    /// <summary>The payout already is where the request would take it: answer as before, move nothing.</summary>
    AlreadyDone,

    /// <summary>The payout is in a state the request cannot come from.</summary>
    Conflict,
}

public sealed record SettlementDecision(SettlementAction Action, string? Error = null);

/// <summary>
/// Confirmation (money arrived, with the gateway's reference) and failure are final and idempotent: repeating one is
/// harmless, but a paid payout cannot fail, a failed one cannot be paid, and one payout has one external reference.
/// </summary>
public static class PayoutSettlement
{
    public const int MaxReferenceLength = 200;
    public const int MaxReasonLength = 1_000;

    public static SettlementDecision Confirm(PayoutState current, string? currentReference, string externalReference) => current switch
    {
        PayoutState.InTransit => new SettlementDecision(SettlementAction.Apply),
        PayoutState.Paid when string.Equals(currentReference, externalReference, StringComparison.Ordinal) =>
            new SettlementDecision(SettlementAction.AlreadyDone),
        PayoutState.Paid => new SettlementDecision(SettlementAction.Conflict,
            $"The payout was already confirmed with the external reference '{currentReference}'."),
        _ => new SettlementDecision(SettlementAction.Conflict, "The payout failed; its credits are outstanding again and it cannot be confirmed."),
    };

    public static SettlementDecision Fail(PayoutState current) => current switch
    {
        PayoutState.InTransit => new SettlementDecision(SettlementAction.Apply),
        PayoutState.Failed => new SettlementDecision(SettlementAction.AlreadyDone),
        _ => new SettlementDecision(SettlementAction.Conflict, "The payout was already paid; a paid payout cannot fail."),
    };

    /// <summary>Returns why the text cannot be an external reference or a failure reason, or null when it can.</summary>
    public static string? TextError(string? text, string what, int maxLength) => text switch
    {
        null => $"The {what} is required.",
        _ when string.IsNullOrWhiteSpace(text) => $"The {what} is empty.",
        { Length: var length } when length > maxLength => $"The {what} is {length} characters long; at most {maxLength} are allowed.",
        _ when text.Any(char.IsControl) => $"The {what} contains control characters.",
        _ => null,
    };
}
