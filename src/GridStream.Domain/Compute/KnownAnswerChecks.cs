namespace GridStream.Domain.Compute;

/// <summary>
/// Known-answer spot checks, the safety net of adaptive replication. A trusted account's units mostly run alone and
/// are never compared with anyone's, so a trusted account that starts lying would go unnoticed. Now and then, instead
/// of a new unit to run alone, it gets a unit of the same job whose answer is already known, one that independent
/// accounts agreed on (<see cref="CanServeAsKnownAnswer"/>) and that the account never held. The lease looks like any
/// other, so the account cannot tell a check from real work; a wrong answer resets its trust.
/// </summary>
/// <remarks>
/// Checks catch a liar; they do not undo the lies it got accepted alone before it was caught. For that the broker
/// re-runs with full quorum the units the account had accepted alone since its trust last stood at zero
/// (<see cref="TrustRules"/>), see the adaptive replication figures in tests/GridStream.Benchmarks/RESULTS.md.
/// </remarks>
public static class KnownAnswerChecks
{
    /// <summary>One solo handout in ten becomes a check: see RESULTS.md for what rates cost and catch.</summary>
    public const double DefaultRate = 0.1;

    /// <summary>Only an answer independent accounts agreed on is known; one accepted alone was taken on trust.</summary>
    public static bool CanServeAsKnownAnswer(UnitVerdict.Accepted verdict)
    {
        ArgumentNullException.ThrowIfNull(verdict);
        return verdict.IsCorroborated;
    }

    /// <summary>
    /// Ask when a trusted account is about to be handed a unit to run alone (<see cref="TrustRules.MayRunAlone"/>
    /// said yes): true means give it a known-answer unit instead. Untrusted accounts are never checked this way:
    /// their every result is compared with another account's anyway.
    /// </summary>
    /// <param name="rate">The share of solo handouts that become checks, from 0 to 1.</param>
    /// <param name="uniform01">A random draw in [0, 1) from the caller.</param>
    public static bool ShouldCheck(int consecutiveValid, double rate, double uniform01)
    {
        if (!(rate >= 0 && rate <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(rate), rate, "A share from 0 to 1.");
        }

        TrustRules.CheckDraw(uniform01, nameof(uniform01));
        return TrustRules.IsTrusted(consecutiveValid) && uniform01 < rate;
    }

    /// <summary>Judges the account's answer to a known-answer unit and says what its trust becomes.</summary>
    public static KnownAnswerCheckResult Judge(string knownCanonicalHash, ReplicaStatus status, string? outputHash, int consecutiveValid)
    {
        ArgumentException.ThrowIfNullOrEmpty(knownCanonicalHash);
        return status switch
        {
            ReplicaStatus.Succeeded when string.IsNullOrEmpty(outputHash) =>
                throw new ArgumentException("A succeeded check needs the output hash.", nameof(outputHash)),
            ReplicaStatus.Succeeded when QuorumRules.IsValidLateResult(knownCanonicalHash, outputHash) =>
                new KnownAnswerCheckResult(KnownAnswerCheckOutcome.Passed, TrustRules.AfterValid(consecutiveValid)),
            ReplicaStatus.Succeeded =>
                new KnownAnswerCheckResult(KnownAnswerCheckOutcome.WrongAnswer, TrustRules.AfterInvalid(consecutiveValid)),
            ReplicaStatus.Errored or ReplicaStatus.TimedOut =>
                new KnownAnswerCheckResult(KnownAnswerCheckOutcome.NoAnswer, TrustRules.AfterError(consecutiveValid)),
            _ => throw new ArgumentException($"A check can be judged only once it has an outcome, not while {status}.", nameof(status)),
        };
    }
}
