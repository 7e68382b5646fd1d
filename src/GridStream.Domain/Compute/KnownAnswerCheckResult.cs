namespace GridStream.Domain.Compute;

/// <summary>The outcome of one known-answer check and the account's trust after it.</summary>
public sealed record KnownAnswerCheckResult(KnownAnswerCheckOutcome Outcome, int ConsecutiveValid)
{
    public bool CaughtLying => Outcome == KnownAnswerCheckOutcome.WrongAnswer;
}
