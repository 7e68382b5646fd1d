using System.Text;

namespace GridStream.Domain.Compute;

/// <summary>Why a unit failed, in words a compute customer reads on the job's page.</summary>
internal static class FailureReasons
{
    private const int MaxQuotedLength = 200;

    public static string TooManyErrors(ReplicationPolicy policy, ReplicaTally tally)
    {
        var parts = new List<string>();
        if (tally.Errored > 0)
        {
            var quote = tally.FirstErrorMessage is { } message ? $" (first: {Quote(message)})" : "";
            parts.Add($"{Count(tally.Errored, "replica")} reported an error{quote}");
        }

        if (tally.TimedOut > 0)
        {
            parts.Add($"{Count(tally.TimedOut, "replica")} did not answer within {policy.DeadlineSeconds} s");
        }

        return $"{Count(tally.Failures, "replica")} failed, more than the {policy.MaxErrors} allowed: {string.Join("; ", parts)}.";
    }

    public static string NoAgreement(ReplicationPolicy policy, int required, ReplicaTally tally)
    {
        var text = new StringBuilder(
            $"No {required} results agreed within the limit of {Count(policy.MaxTotalReplicas, "replica")}: "
            + $"{Count(tally.Succeeded.Count, "result")} gave {Count(tally.DistinctAnswers, "different answer")}");
        if (tally.Failures > 0)
        {
            text.Append($" and {Count(tally.Failures, "replica")} failed");
        }

        text.Append('.');
        if (tally.DistinctAnswers > 1)
        {
            text.Append(" Answers that differ between runs usually mean the task is not deterministic (Math.random without a seed, Date.now).");
        }

        return text.ToString();
    }

    private static string Count(int n, string noun) => n == 1 ? $"1 {noun}" : $"{n} {noun}s";

    /// <summary>Peer-supplied text: shortened, and on one line so a log line stays a line.</summary>
    private static string Quote(string message)
    {
        var oneLine = string.Concat(message.Select(c => char.IsControl(c) ? ' ' : c)).Trim();
        var excerpt = oneLine.Length <= MaxQuotedLength ? oneLine : string.Concat(oneLine.AsSpan(0, MaxQuotedLength), "…");
        return "\"" + excerpt + "\"";
    }
}
