using GridStream.Domain.Compute;
using static GridStream.Domain.Tests.Compute.Replicas;

namespace GridStream.Domain.Tests.Compute;

public sealed class QuorumRulesTests
{
    private static readonly ReplicationPolicy Policy = ReplicationPolicy.Default; // quorum 2, 6 replicas, 3 errors

    private static UnitVerdict Decide(params ReplicaOutcome[] replicas) => QuorumRules.Decide(Policy, Policy.Quorum, replicas);

    [Fact]
    public void A_new_unit_asks_for_as_many_replicas_as_the_quorum()
    {
        Assert.Equal(new UnitVerdict.Undecided(2), Decide());
        Assert.Equal(new UnitVerdict.Undecided(3), QuorumRules.Decide(Policy with { Quorum = 3 }, 3, []));
    }

    [Fact]
    public void Replicas_in_flight_are_waited_for()
    {
        Assert.Equal(new UnitVerdict.Undecided(0), Decide(Running(1), Running(2)));
        Assert.Equal(new UnitVerdict.Undecided(0), Decide(Ok(1, "h"), Running(2)));
    }

    [Fact]
    public void A_unit_is_accepted_when_exactly_quorum_results_agree()
    {
        var verdict = Assert.IsType<UnitVerdict.Accepted>(Decide(Ok(1, "h"), Ok(2, "h")));

        Assert.Equal("h", verdict.CanonicalHash);
        Assert.Equal([1L, 2L], verdict.ValidReplicas);
        Assert.Empty(verdict.InvalidReplicas);
        Assert.Equal(2, verdict.AgreeingAccounts);
        Assert.True(verdict.IsCorroborated);
    }

    [Fact]
    public void A_quorum_of_three_waits_for_the_third_agreeing_result()
    {
        var policy = Policy with { Quorum = 3 };

        Assert.Equal(new UnitVerdict.Undecided(1), QuorumRules.Decide(policy, 3, [Ok(1, "h"), Ok(2, "h")]));
        Assert.IsType<UnitVerdict.Accepted>(QuorumRules.Decide(policy, 3, [Ok(1, "h"), Ok(2, "h"), Ok(3, "h")]));
    }

    [Fact]
    public void Disagreement_issues_just_enough_replicas_for_an_agreement()
    {
        Assert.Equal(new UnitVerdict.Undecided(1), Decide(Ok(1, "a"), Ok(2, "b")));
        Assert.Equal(new UnitVerdict.Undecided(1), Decide(Ok(1, "a"), Ok(2, "b"), Ok(3, "c")));
        Assert.Equal(new UnitVerdict.Undecided(2), QuorumRules.Decide(Policy with { Quorum = 3 }, 3, [Ok(1, "a"), Ok(2, "b")]));
        Assert.Equal(new UnitVerdict.Undecided(1), QuorumRules.Decide(Policy with { Quorum = 3 }, 3, [Ok(1, "a"), Ok(2, "b"), Ok(3, "a")]));
    }

    [Fact]
    public void Once_the_majority_agrees_the_odd_one_out_is_invalid()
    {
        var verdict = Assert.IsType<UnitVerdict.Accepted>(Decide(Ok(1, "a"), Ok(2, "b"), Ok(3, "a")));

        Assert.Equal("a", verdict.CanonicalHash);
        Assert.Equal([1L, 3L], verdict.ValidReplicas);
        Assert.Equal([2L], verdict.InvalidReplicas);
    }

    [Fact]
    public void Replicas_in_flight_at_acceptance_are_in_neither_list()
    {
        var verdict = Assert.IsType<UnitVerdict.Accepted>(Decide(Ok(1, "a"), Ok(2, "b"), Running(3), Ok(4, "a")));

        Assert.Equal([1L, 4L], verdict.ValidReplicas);
        Assert.Equal([2L], verdict.InvalidReplicas);
    }

    [Fact]
    public void Disagreement_never_issues_beyond_the_total_and_fails_when_no_agreement_is_left_possible()
    {
        var policy = Policy with { MaxTotalReplicas = 3 };

        Assert.Equal(new UnitVerdict.Undecided(1), QuorumRules.Decide(policy, 2, [Ok(1, "a"), Ok(2, "b")]));
        var failed = Assert.IsType<UnitVerdict.Failed>(QuorumRules.Decide(policy, 2, [Ok(1, "a"), Ok(2, "b"), Ok(3, "c")]));

        Assert.Equal([1L, 2L, 3L], failed.InvalidReplicas);
        Assert.StartsWith("No 2 results agreed within the limit of 3 replicas: 3 results gave 3 different answers.", failed.Reason, StringComparison.Ordinal);
        Assert.Contains("not deterministic", failed.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Replicas_in_flight_count_toward_the_total()
    {
        var policy = Policy with { MaxTotalReplicas = 3 };

        Assert.Equal(new UnitVerdict.Undecided(0), QuorumRules.Decide(policy, 2, [Ok(1, "a"), Ok(2, "b"), Running(3)]));
        Assert.IsType<UnitVerdict.Failed>(QuorumRules.Decide(policy with { Quorum = 3, MaxTotalReplicas = 4 }, 3,
            [Ok(1, "a"), Ok(2, "b"), Ok(3, "c"), Running(4)]));
    }

    [Fact]
    public void Errors_and_timeouts_are_replaced_until_there_are_more_than_max_errors()
    {
        Assert.Equal(new UnitVerdict.Undecided(1), Decide(Ok(1, "a"), Error(2)));
        Assert.Equal(new UnitVerdict.Undecided(1), Decide(Ok(1, "a"), Late(2)));
        Assert.Equal(new UnitVerdict.Undecided(2), Decide(Error(1), Late(2), Error(3)));

        var failed = Assert.IsType<UnitVerdict.Failed>(Decide(Error(1, "TypeError: x is undefined\n    at run (task.js:3:5)"), Late(2), Error(3), Ok(4, "a"), Late(5)));

        Assert.Equal([4L], failed.InvalidReplicas);
        Assert.Equal(
            "4 replicas failed, more than the 3 allowed: 2 replicas reported an error (first: \"TypeError: x is undefined     at run (task.js:3:5)\"); 2 replicas did not answer within 120 s.",
            failed.Reason);
    }

    [Fact]
    public void With_max_errors_zero_the_first_error_fails_the_unit()
    {
        var failed = Assert.IsType<UnitVerdict.Failed>(QuorumRules.Decide(Policy with { MaxErrors = 0 }, 2, [Late(1), Running(2)]));

        Assert.Equal("1 replica failed, more than the 0 allowed: 1 replica did not answer within 120 s.", failed.Reason);
    }

    [Fact]
    public void A_long_error_message_is_quoted_short_and_on_one_line()
    {
        var failed = Assert.IsType<UnitVerdict.Failed>(QuorumRules.Decide(Policy with { MaxErrors = 0 }, 2,
            [Error(1, "line one\r\nline two " + new string('x', 500))]));

        Assert.DoesNotContain('\n', failed.Reason);
        Assert.True(failed.Reason.Length < 300, failed.Reason);
        Assert.Contains("line one  line two xxx", failed.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_trusted_account_alone_is_accepted_on_its_own_result()
    {
        Assert.Equal(new UnitVerdict.Undecided(1), QuorumRules.Decide(Policy, 1, []));

        var verdict = Assert.IsType<UnitVerdict.Accepted>(QuorumRules.Decide(Policy, 1, [Ok(1, "h")]));

        Assert.Equal([1L], verdict.ValidReplicas);
        Assert.Equal(1, verdict.AgreeingAccounts);
        Assert.False(verdict.IsCorroborated);
    }

    [Fact]
    public void An_error_on_a_solo_unit_brings_back_the_full_quorum()
    {
        Assert.Equal(2, QuorumRules.EffectiveAgreement(Policy, 1, [Error(1)]));
        Assert.Equal(new UnitVerdict.Undecided(2), QuorumRules.Decide(Policy, 1, [Error(1)]));
        Assert.Equal(new UnitVerdict.Undecided(2), QuorumRules.Decide(Policy, 1, [Late(1)]));
        Assert.Equal(new UnitVerdict.Undecided(1), QuorumRules.Decide(Policy, 1, [Late(1), Ok(2, "h")]));
        Assert.Equal(2, Assert.IsType<UnitVerdict.Accepted>(QuorumRules.Decide(Policy, 1, [Late(1), Ok(2, "h"), Ok(3, "h")])).AgreeingAccounts);
    }

    [Fact]
    public void With_a_required_agreement_of_one_the_first_result_wins()
    {
        var verdict = Assert.IsType<UnitVerdict.Accepted>(QuorumRules.Decide(Policy, 1, [Ok(1, "a"), Ok(2, "b")]));

        Assert.Equal("a", verdict.CanonicalHash);
        Assert.Equal([2L], verdict.InvalidReplicas);
    }

    [Fact]
    public void One_account_does_not_agree_with_itself()
    {
        Assert.Equal(new UnitVerdict.Undecided(1), Decide(Ok(1, "h", account: 7), Ok(2, "h", account: 7)));

        var verdict = Assert.IsType<UnitVerdict.Accepted>(Decide(Ok(1, "h", account: 7), Ok(2, "h", account: 7), Ok(3, "h")));
        Assert.Equal(2, verdict.AgreeingAccounts);
        Assert.Equal([1L, 2L, 3L], verdict.ValidReplicas);
    }

    [Fact]
    public void Bad_arguments_are_clear_errors()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => QuorumRules.Decide(Policy, 0, []));
        Assert.Throws<ArgumentOutOfRangeException>(() => QuorumRules.Decide(Policy, 3, []));
        Assert.Throws<ArgumentNullException>(() => QuorumRules.Decide(null!, 2, []));
        Assert.Throws<ArgumentNullException>(() => QuorumRules.Decide(Policy, 2, null!));
        Assert.Contains("validate it first", Assert.Throws<ArgumentException>(() =>
            QuorumRules.Decide(Policy with { MaxTotalReplicas = 1 }, 2, [])).Message, StringComparison.Ordinal);
        Assert.Contains("listed twice", Assert.Throws<ArgumentException>(() => Decide(Ok(1, "a"), Ok(1, "a"))).Message, StringComparison.Ordinal);
        Assert.Contains("no output hash", Assert.Throws<ArgumentException>(() =>
            Decide(new ReplicaOutcome(1, Account(1), ReplicaStatus.Succeeded, ""))).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_late_result_is_valid_only_when_it_matches_the_canonical_hash()
    {
        Assert.True(QuorumRules.IsValidLateResult("ab12", "ab12"));
        Assert.False(QuorumRules.IsValidLateResult("ab12", "AB12"));
        Assert.False(QuorumRules.IsValidLateResult("ab12", "cd34"));
        Assert.False(QuorumRules.IsValidLateResult("ab12", null));
        Assert.Throws<ArgumentException>(() => QuorumRules.IsValidLateResult("", "ab12"));
    }
}
