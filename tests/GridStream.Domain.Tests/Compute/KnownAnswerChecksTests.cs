using GridStream.Domain.Compute;

namespace GridStream.Domain.Tests.Compute;

public sealed class KnownAnswerChecksTests
{
    [Fact]
    public void Only_an_answer_independent_accounts_agreed_on_is_known()
    {
        var corroborated = new UnitVerdict.Accepted("h", [1, 2], []) { AgreeingAccounts = 2 };
        var alone = new UnitVerdict.Accepted("h", [1], []) { AgreeingAccounts = 1 };

        Assert.True(KnownAnswerChecks.CanServeAsKnownAnswer(corroborated));
        Assert.False(KnownAnswerChecks.CanServeAsKnownAnswer(alone));
    }

    [Fact]
    public void What_Decide_accepts_alone_cannot_become_a_known_answer()
    {
        var policy = ReplicationPolicy.Default;
        var solo = Assert.IsType<UnitVerdict.Accepted>(QuorumRules.Decide(policy, 1, [Replicas.Ok(1, "h")]));
        var quorum = Assert.IsType<UnitVerdict.Accepted>(QuorumRules.Decide(policy, 2, [Replicas.Ok(1, "h"), Replicas.Ok(2, "h")]));

        Assert.False(KnownAnswerChecks.CanServeAsKnownAnswer(solo));
        Assert.True(KnownAnswerChecks.CanServeAsKnownAnswer(quorum));
    }

    [Theory]
    [InlineData(9, 0.0, false)]
    [InlineData(10, 0.05, true)]
    [InlineData(10, 0.1, false)]
    [InlineData(500, 0.0999, true)]
    public void A_trusted_account_is_checked_at_the_given_rate_and_an_untrusted_one_never(int trust, double draw, bool check) =>
        Assert.Equal(check, KnownAnswerChecks.ShouldCheck(trust, KnownAnswerChecks.DefaultRate, draw));

    [Fact]
    public void Rates_of_zero_and_one_mean_never_and_always()
    {
        Assert.False(KnownAnswerChecks.ShouldCheck(50, 0, 0.0));
        Assert.True(KnownAnswerChecks.ShouldCheck(50, 1, 0.9999));
        Assert.Throws<ArgumentOutOfRangeException>(() => KnownAnswerChecks.ShouldCheck(50, 1.5, 0.5));
        Assert.Throws<ArgumentOutOfRangeException>(() => KnownAnswerChecks.ShouldCheck(50, 0.1, 1.0));
    }

    [Fact]
    public void The_right_answer_passes_and_grows_trust() =>
        Assert.Equal(new KnownAnswerCheckResult(KnownAnswerCheckOutcome.Passed, 43),
            KnownAnswerChecks.Judge("h", ReplicaStatus.Succeeded, "h", 42));

    [Fact]
    public void A_wrong_answer_catches_a_liar_and_resets_its_trust()
    {
        var result = KnownAnswerChecks.Judge("h", ReplicaStatus.Succeeded, "lie", 42);

        Assert.True(result.CaughtLying);
        Assert.Equal(0, result.ConsecutiveValid);
    }

    [Theory]
    [InlineData(ReplicaStatus.Errored)]
    [InlineData(ReplicaStatus.TimedOut)]
    public void No_answer_is_judged_like_any_failed_replica(ReplicaStatus status) =>
        Assert.Equal(new KnownAnswerCheckResult(KnownAnswerCheckOutcome.NoAnswer, 21), KnownAnswerChecks.Judge("h", status, null, 42));

    [Fact]
    public void A_check_still_running_or_a_success_without_hash_cannot_be_judged()
    {
        Assert.Throws<ArgumentException>(() => KnownAnswerChecks.Judge("h", ReplicaStatus.InFlight, null, 42));
        Assert.Throws<ArgumentException>(() => KnownAnswerChecks.Judge("h", ReplicaStatus.Succeeded, null, 42));
        Assert.Throws<ArgumentException>(() => KnownAnswerChecks.Judge("", ReplicaStatus.Succeeded, "h", 42));
    }
}
