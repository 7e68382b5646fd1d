namespace GridStream.Domain.Compute;

/// <summary>
/// A unit's replicas counted for <see cref="QuorumRules"/>. Agreement counts distinct accounts, not replicas: the
/// broker never gives one account two replicas of a unit, and if that ever went wrong one account still could not
/// outvote the others by itself.
/// </summary>
internal sealed record ReplicaTally(
    IReadOnlyList<ReplicaOutcome> Succeeded,
    string? AgreedHash,
    int LargestAgreement,
    int DistinctAnswers,
    int InFlight,
    int Errored,
    int TimedOut,
    string? FirstErrorMessage)
{
    public int Failures => Errored + TimedOut;

    public IReadOnlyList<long> SucceededIds => Succeeded.Select(replica => replica.ReplicaId).ToList();

    /// <summary>The agreed hash is the first, in issue order, to gather <paramref name="required"/> accounts.</summary>
    public static ReplicaTally Of(IReadOnlyList<ReplicaOutcome> replicas, int required)
    {
        var accountsByHash = new Dictionary<string, HashSet<Guid>>(StringComparer.Ordinal);
        var succeeded = new List<ReplicaOutcome>();
        string? agreed = null;
        int inFlight = 0, errored = 0, timedOut = 0;
        string? firstError = null;

        foreach (var replica in replicas)
        {
            switch (replica.Status)
            {
                case ReplicaStatus.Succeeded:
                    succeeded.Add(replica);
                    var hash = replica.OutputHash!;
                    if (!accountsByHash.TryGetValue(hash, out var accounts))
                    {
                        accounts = [];
                        accountsByHash[hash] = accounts;
                    }

                    accounts.Add(replica.AccountId);
                    if (agreed is null && accounts.Count >= required)
                    {
                        agreed = hash;
                    }

                    break;
                case ReplicaStatus.InFlight:
                    inFlight++;
                    break;
                case ReplicaStatus.Errored:
                    errored++;
                    firstError ??= string.IsNullOrWhiteSpace(replica.ErrorMessage) ? null : replica.ErrorMessage;
                    break;
                case ReplicaStatus.TimedOut:
                    timedOut++;
                    break;
                default:
                    throw new ArgumentException($"Replica {replica.ReplicaId} has an unknown status {replica.Status}.", nameof(replicas));
            }
        }

        var largest = agreed is not null
            ? accountsByHash[agreed].Count
            : accountsByHash.Values.Select(accounts => accounts.Count).DefaultIfEmpty(0).Max();
        return new ReplicaTally(succeeded, agreed, largest, accountsByHash.Count, inFlight, errored, timedOut, firstError);
    }
}
