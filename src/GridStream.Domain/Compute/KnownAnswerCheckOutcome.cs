namespace GridStream.Domain.Compute;

public enum KnownAnswerCheckOutcome
{
    Passed,

    /// <summary>A wrong answer to a question whose answer independent accounts agreed on: the account lied or is broken.</summary>
    WrongAnswer,

    /// <summary>An error or timeout: judged like any failed replica, no proof either way.</summary>
    NoAnswer,
}
