using GridStream.Domain.Compute;
using GridStream.Server.Data;

namespace GridStream.Server.Compute;

/// <summary>
/// Decides what happens to one locked unit after its replicas changed (no I/O: the quorum itself is
/// <see cref="QuorumRules"/>). Every replica is judged once: only replicas still unchecked yield trust events.
/// </summary>
internal static class UnitJudge
{
    public static UnitChange Judge(LockedUnit unit, JobTerms job, IReadOnlyList<ReplicaRow> replicas, RewardRates rates, DateTimeOffset now)
    {
        var change = new UnitChange(unit.Id, job.Id);
        JudgeSpotChecks(unit, replicas, change);
        var regular = replicas.Where(r => !r.IsSpotCheck).ToList();

        if (unit.State != WorkUnitState.Open)
        {
            JudgeLateResults(unit, regular, change);
            return change;
        }

        var required = unit.RequiredAgreement;
        var verdict = QuorumRules.Decide(job.Policy, required, regular.Select(Outcome).ToList());
        if (verdict is UnitVerdict.Undecided { MoreReplicasNeeded: > 0 } && required < job.Policy.Quorum)
        {
            // A trusted account's solo run fell through (an error, a timeout): from now on the unit needs a full quorum.
            required = job.Policy.Quorum;
            verdict = QuorumRules.Decide(job.Policy, required, regular.Select(Outcome).ToList());
        }

        change.RequiredAgreement = required;
        switch (verdict)
        {
            case UnitVerdict.Accepted accepted:
                Accept(unit, job, regular, accepted, rates, now, change);
                break;
            case UnitVerdict.Failed failed:
                // Without an agreed answer nothing proves any result wrong: no replica is judged, no trust moves.
                change.State = WorkUnitState.Failed;
                change.FailureReason = failed.Reason;
                change.Wanted = 0;
                change.DecidedAt = now;
                break;
            case UnitVerdict.Undecided undecided:
                var cancelled = job.State == ComputeJobState.Cancelled;
                change.Wanted = cancelled ? 0 : undecided.MoreReplicasNeeded;
                if (cancelled && regular.All(r => r.State != ReplicaState.InFlight))
                {
                    change.State = WorkUnitState.Cancelled;
                    change.DecidedAt = now;
                }

                break;
        }

        return change;
    }

    private static void Accept(
        LockedUnit unit, JobTerms job, IReadOnlyList<ReplicaRow> regular, UnitVerdict.Accepted accepted, RewardRates rates,
        DateTimeOffset now, UnitChange change)
    {
        change.State = WorkUnitState.Accepted;
        change.Wanted = 0;
        change.CanonicalSha256 = accepted.CanonicalHash;
        change.CanonicalReplicaId = accepted.ValidReplicas[0];
        change.AgreedCount = accepted.ValidReplicas.Count;
        change.DecidedAt = now;
        change.CustomerId = job.CustomerId;
        // Accepted again after a caught liar's trust reset opened it: the customer paid for it the first time.
        change.UsageCents = unit.UsageBooked ? null : job.PriceCentsPerUnit;

        var byId = regular.ToDictionary(r => r.Id);
        var credits = RewardRules.MicroCreditsPerValidReplica(job.PriceCentsPerUnit, accepted.ValidReplicas.Count, rates);
        for (var i = 0; i < accepted.ValidReplicas.Count; i++)
        {
            var replica = byId[accepted.ValidReplicas[i]];
            if (replica.Validity == ReplicaValidity.Unchecked)
            {
                change.Validity[replica.Id] = ReplicaValidity.Valid;
                // Only a result another account confirmed earns trust; one accepted alone was taken on trust already.
                if (accepted.IsCorroborated)
                {
                    change.TrustEvents.Add(new TrustEvent(replica.AccountId, TrustEventKind.Valid));
                }
            }

            // A replica accepted alone and judged again after its account was caught keeps its first credit only.
            if (credits[i] > 0 && !replica.Credited)
            {
                change.Earnings.Add(new EarningRow(replica.Id, replica.AccountId, credits[i]));
            }
        }

        MarkInvalid(regular, accepted.InvalidReplicas, change);
    }

    /// <summary>Results that arrive after the unit was decided are held against its canonical answer.</summary>
    private static void JudgeLateResults(LockedUnit unit, IReadOnlyList<ReplicaRow> regular, UnitChange change)
    {
        if (unit.State != WorkUnitState.Accepted || unit.CanonicalSha256 is null)
        {
            return;
        }

        foreach (var replica in regular.Where(r => r.State == ReplicaState.Succeeded && r.Validity == ReplicaValidity.Unchecked))
        {
            var valid = QuorumRules.IsValidLateResult(unit.CanonicalSha256, replica.OutputSha256);
            change.Validity[replica.Id] = valid ? ReplicaValidity.Valid : ReplicaValidity.Invalid;
            change.TrustEvents.Add(new TrustEvent(replica.AccountId, valid ? TrustEventKind.Valid : TrustEventKind.Invalid));
        }
    }

    /// <summary>A known-answer check judges the account that ran it, never the unit.</summary>
    private static void JudgeSpotChecks(LockedUnit unit, IReadOnlyList<ReplicaRow> replicas, UnitChange change)
    {
        foreach (var replica in replicas.Where(r => r.IsSpotCheck && r.State == ReplicaState.Succeeded && r.Validity == ReplicaValidity.Unchecked))
        {
            if (unit.CanonicalSha256 is null)
            {
                continue;
            }

            var check = KnownAnswerChecks.Judge(unit.CanonicalSha256, ReplicaStatus.Succeeded, replica.OutputSha256, consecutiveValid: 0);
            var passed = check.Outcome == KnownAnswerCheckOutcome.Passed;
            change.Validity[replica.Id] = passed ? ReplicaValidity.Valid : ReplicaValidity.Invalid;
            change.TrustEvents.Add(new TrustEvent(replica.AccountId, passed ? TrustEventKind.Valid : TrustEventKind.Invalid));
        }
    }

    private static void MarkInvalid(IReadOnlyList<ReplicaRow> regular, IReadOnlyList<long> invalid, UnitChange change)
    {
        foreach (var replica in regular.Where(r => invalid.Contains(r.Id) && r.Validity == ReplicaValidity.Unchecked))
        {
            change.Validity[replica.Id] = ReplicaValidity.Invalid;
            change.TrustEvents.Add(new TrustEvent(replica.AccountId, TrustEventKind.Invalid));
        }
    }

    private static ReplicaOutcome Outcome(ReplicaRow replica) => new(replica.Id, replica.AccountId, replica.State switch
    {
        ReplicaState.InFlight => ReplicaStatus.InFlight,
        ReplicaState.Succeeded => ReplicaStatus.Succeeded,
        ReplicaState.Errored => ReplicaStatus.Errored,
        _ => ReplicaStatus.TimedOut,
    }, replica.OutputSha256);
}

/// <summary>What reviewing one unit changes: the unit itself, replicas' validity, trust, credits and usage.</summary>
internal sealed class UnitChange(long unitId, Guid jobId)
{
    public long UnitId { get; } = unitId;
    public Guid JobId { get; } = jobId;
    public WorkUnitState? State { get; set; }
    public int? Wanted { get; set; }
    public int? RequiredAgreement { get; set; }
    public string? CanonicalSha256 { get; set; }
    public long? CanonicalReplicaId { get; set; }
    public int AgreedCount { get; set; }
    public string? FailureReason { get; set; }
    public DateTimeOffset? DecidedAt { get; set; }
    public Guid CustomerId { get; set; }
    public long? UsageCents { get; set; }
    public Dictionary<long, ReplicaValidity> Validity { get; } = [];
    public List<TrustEvent> TrustEvents { get; } = [];
    public List<EarningRow> Earnings { get; } = [];
}

internal sealed record EarningRow(long ReplicaId, Guid ViewerId, long MicroCredits);
