namespace GridStream.Domain.Compute;

/// <summary>What <see cref="QuorumRules.Decide"/> concludes about one work unit from its replicas so far.</summary>
public abstract record UnitVerdict
{
    private UnitVerdict()
    {
    }

    /// <summary>Issue this many NEW replicas now (0 = just wait for the ones in flight).</summary>
    public sealed record Undecided(int MoreReplicasNeeded) : UnitVerdict;

    /// <summary>
    /// ValidReplicas succeeded with the canonical hash (earn credit); InvalidReplicas succeeded with another hash
    /// (earn nothing, and their accounts lose their trust). Replicas still in flight are in neither list: judge
    /// them on arrival with <see cref="QuorumRules.IsValidLateResult"/>.
    /// </summary>
    public sealed record Accepted(string CanonicalHash, IReadOnlyList<long> ValidReplicas, IReadOnlyList<long> InvalidReplicas) : UnitVerdict
    {
        /// <summary>Distinct accounts behind the canonical hash; 1 when a trusted account's result was accepted alone.</summary>
        public int AgreeingAccounts { get; init; }

        /// <summary>
        /// Independent accounts agreed, so the answer is evidence: it grows the valid replicas' trust
        /// (<see cref="TrustRules.AfterValid"/>) and may serve as a known answer for spot checks. A result accepted
        /// alone is taken on trust and proves nothing about its account.
        /// </summary>
        public bool IsCorroborated => AgreeingAccounts >= 2;
    }

    /// <summary>
    /// The unit has no result and gets no more replicas. InvalidReplicas: the replicas that did succeed, none of
    /// which is validated, so none earns credit; their accounts' trust is left alone, because without a canonical
    /// result nothing shows which of them, if any, was wrong.
    /// </summary>
    public sealed record Failed(string Reason, IReadOnlyList<long> InvalidReplicas) : UnitVerdict;
}
