using CsCheck;
using GridStream.Domain.Compute;

namespace GridStream.Domain.Tests.Compute;

public sealed class QuorumRulesPropertyTests
{
    private static readonly Gen<(ReplicationPolicy Policy, int Required)> Policies =
        from quorum in Gen.Int[1, 5]
        from extra in Gen.Int[0, 6]
        from maxErrors in Gen.Int[0, 5]
        from required in Gen.Int[1, quorum]
        select (new ReplicationPolicy { Quorum = quorum, MaxTotalReplicas = quorum + extra, MaxErrors = maxErrors }, required);

    /// <summary>Any mix of outcomes, three possible answers, and accounts that sometimes repeat (a broker bug Decide must survive).</summary>
    private static readonly Gen<(ReplicationPolicy Policy, int Required, ReplicaOutcome[] Replicas)> Units =
        from policy in Policies
        from count in Gen.Int[0, policy.Policy.MaxTotalReplicas]
        from outcomes in Gen.Select(Gen.Enum<ReplicaStatus>(), Gen.Int[0, 2], Gen.Int[0, 9]).Array[count]
        select (policy.Policy, policy.Required, outcomes.Select((o, i) => Outcome(i + 1, o.Item1, o.Item2, o.Item3)).ToArray());

    [Fact]
    public void Decide_never_asks_for_more_replicas_than_the_total_allows_and_never_waits_on_nothing() =>
        Units.Sample((policy, required, replicas) =>
        {
            if (QuorumRules.Decide(policy, required, replicas) is UnitVerdict.Undecided undecided)
            {
                Assert.InRange(undecided.MoreReplicasNeeded, 0, policy.MaxTotalReplicas - replicas.Length);
                Assert.True(undecided.MoreReplicasNeeded > 0 || replicas.Any(r => r.Status == ReplicaStatus.InFlight),
                    "waiting with nothing in flight would leave the unit stuck forever");
            }
        }, iter: 20_000);

    [Fact]
    public void Accepted_always_has_enough_distinct_accounts_behind_the_canonical_hash() =>
        Units.Sample((policy, required, replicas) =>
        {
            if (QuorumRules.Decide(policy, required, replicas) is UnitVerdict.Accepted accepted)
            {
                var byId = replicas.ToDictionary(r => r.ReplicaId);
                var valid = accepted.ValidReplicas.Select(id => byId[id]).ToList();
                var invalid = accepted.InvalidReplicas.Select(id => byId[id]).ToList();

                Assert.All(valid, r => Assert.Equal((ReplicaStatus.Succeeded, accepted.CanonicalHash), (r.Status, r.OutputHash)));
                Assert.InRange(valid.Select(r => r.AccountId).Distinct().Count(), required, int.MaxValue);
                Assert.Equal(valid.Select(r => r.AccountId).Distinct().Count(), accepted.AgreeingAccounts);
                Assert.All(invalid, r => Assert.Equal(ReplicaStatus.Succeeded, r.Status));
                Assert.All(invalid, r => Assert.NotEqual(accepted.CanonicalHash, r.OutputHash));
                Assert.Equal(replicas.Count(r => r.Status == ReplicaStatus.Succeeded), valid.Count + invalid.Count);
            }
        }, iter: 20_000);

    /// <summary>Driving one unit from nothing, doing what each verdict says, with random outcomes: it always ends within the limits.</summary>
    [Fact]
    public void A_unit_run_as_the_verdicts_say_ends_within_its_limits() =>
        Gen.Select(Policies, Gen.Int).Sample((policy, seed) =>
        {
            var random = new Random(seed);
            var replicas = new List<ReplicaOutcome>();
            UnitVerdict verdict;
            while ((verdict = QuorumRules.Decide(policy.Policy, policy.Required, replicas)) is UnitVerdict.Undecided undecided)
            {
                for (var i = 0; i < undecided.MoreReplicasNeeded; i++)
                {
                    replicas.Add(Replicas.Running(replicas.Count + 1));
                }

                var running = replicas.FindAll(r => r.Status == ReplicaStatus.InFlight);
                var finishing = running[random.Next(running.Count)];
                replicas[(int)finishing.ReplicaId - 1] = Outcome(finishing.ReplicaId, (ReplicaStatus)random.Next(1, 4), random.Next(2), finishing.ReplicaId);
            }

            Assert.InRange(replicas.Count, 0, policy.Policy.MaxTotalReplicas);
            if (verdict is UnitVerdict.Failed failed)
            {
                Assert.False(string.IsNullOrWhiteSpace(failed.Reason));
            }
        }, iter: 5_000);

    private static ReplicaOutcome Outcome(long id, ReplicaStatus status, int answer, long account) =>
        new(id, Replicas.Account(account), status, status == ReplicaStatus.Succeeded ? "abc"[answer].ToString() : null);
}
