namespace GridStream.Domain.Compute;

/// <summary>
/// BOINC's validation of one work unit: replicas run on different accounts, and a unit is accepted once enough of
/// their canonical outputs agree. Errors and timeouts count toward <see cref="ReplicationPolicy.MaxErrors"/>;
/// disagreement and failures call for more replicas, never more than <see cref="ReplicationPolicy.MaxTotalReplicas"/>
/// in all. Pure: the caller lists every replica the unit ever had (in the order they were issued) and does what the
/// verdict says. Call it after every change (a result, an error, a timeout); it can then only ever find one hash
/// reaching agreement.
/// </summary>
public static class QuorumRules
{
    /// <param name="requiredAgreement"><see cref="ReplicationPolicy.Quorum"/> normally, 1 when the unit was handed
    /// to a trusted account alone (see <see cref="EffectiveAgreement"/> for when that stops applying).</param>
    public static UnitVerdict Decide(ReplicationPolicy policy, int requiredAgreement, IReadOnlyList<ReplicaOutcome> replicas)
    {
        CheckArguments(policy, requiredAgreement, replicas);
        var required = EffectiveAgreement(policy, requiredAgreement, replicas);
        var tally = ReplicaTally.Of(replicas, required);

        if (tally.AgreedHash is { } canonical)
        {
            return new UnitVerdict.Accepted(
                canonical,
                tally.Succeeded.Where(r => r.OutputHash == canonical).Select(r => r.ReplicaId).ToList(),
                tally.Succeeded.Where(r => r.OutputHash != canonical).Select(r => r.ReplicaId).ToList())
            {
                AgreeingAccounts = tally.LargestAgreement,
            };
        }

        if (tally.Failures > policy.MaxErrors)
        {
            return new UnitVerdict.Failed(FailureReasons.TooManyErrors(policy, tally), tally.SucceededIds);
        }

        // Optimistic: assume every replica in flight and every new one will join the largest group that agrees.
        // Issuing only that many is what BOINC does (one more result per disagreement with a quorum of 2).
        var shortfall = required - tally.LargestAgreement - tally.InFlight;
        var slotsLeft = Math.Max(0, policy.MaxTotalReplicas - replicas.Count);
        if (shortfall > slotsLeft)
        {
            return new UnitVerdict.Failed(FailureReasons.NoAgreement(policy, required, tally), tally.SucceededIds);
        }

        return new UnitVerdict.Undecided(Math.Max(0, shortfall));
    }

    /// <summary>
    /// The agreement a unit needs now. A unit handed to a trusted account alone keeps needing one result only while
    /// nothing has gone wrong: once that replica errors or times out, the unit is no longer running alone and falls
    /// back to the policy's quorum, so a trusted account cannot turn a dropped unit into an unchecked one.
    /// </summary>
    public static int EffectiveAgreement(ReplicationPolicy policy, int requiredAgreement, IReadOnlyList<ReplicaOutcome> replicas)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(replicas);
        var anyFailure = replicas.Any(replica => replica.Status is ReplicaStatus.Errored or ReplicaStatus.TimedOut);
        return anyFailure && requiredAgreement < policy.Quorum ? policy.Quorum : requiredAgreement;
    }

    /// <summary>
    /// A result that arrives after its unit was accepted (it was in flight at the time) is valid when it matches the
    /// canonical hash: grow its account's trust; if it differs, it is invalid and resets the account's trust. The
    /// unit's credit was already shared among the valid replicas at acceptance.
    /// </summary>
    public static bool IsValidLateResult(string canonicalHash, string? outputHash)
    {
        ArgumentException.ThrowIfNullOrEmpty(canonicalHash);
        return string.Equals(canonicalHash, outputHash, StringComparison.Ordinal);
    }

    private static void CheckArguments(ReplicationPolicy policy, int requiredAgreement, IReadOnlyList<ReplicaOutcome> replicas)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(replicas);
        if (policy.Quorum < 1 || policy.MaxTotalReplicas < policy.Quorum || policy.MaxErrors < 0)
        {
            throw new ArgumentException(
                $"The policy cannot be applied (quorum {policy.Quorum}, maxTotalReplicas {policy.MaxTotalReplicas}, maxErrors {policy.MaxErrors}); validate it first.",
                nameof(policy));
        }

        if (requiredAgreement < 1 || requiredAgreement > policy.Quorum)
        {
            throw new ArgumentOutOfRangeException(nameof(requiredAgreement), requiredAgreement,
                $"Between 1 (a trusted account alone) and the policy's quorum ({policy.Quorum}).");
        }

        var ids = new HashSet<long>();
        foreach (var replica in replicas)
        {
            ArgumentNullException.ThrowIfNull(replica, nameof(replicas));
            if (!ids.Add(replica.ReplicaId))
            {
                throw new ArgumentException($"Replica {replica.ReplicaId} is listed twice.", nameof(replicas));
            }

            if (replica.Status == ReplicaStatus.Succeeded && string.IsNullOrEmpty(replica.OutputHash))
            {
                throw new ArgumentException($"Replica {replica.ReplicaId} succeeded but has no output hash.", nameof(replicas));
            }
        }
    }
}
