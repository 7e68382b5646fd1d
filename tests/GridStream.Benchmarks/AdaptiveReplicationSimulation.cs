using GridStream.Domain.Compute;

namespace GridStream.Benchmarks;

/// <summary>How the bad accounts of a simulation answer.</summary>
internal enum Liars
{
    /// <summary>Every answer is wrong, and each wrong answer is its own (random garbage): liars never agree.</summary>
    AlwaysLie,

    /// <summary>Each answer is wrong with probability p, otherwise right; wrong answers are random garbage.</summary>
    LieSometimes,

    /// <summary>Every answer is wrong and all liars give the same wrong answer for a unit: the worst case, collusion.</summary>
    Collude,
}

internal sealed record SimulationSettings(
    string Name,
    Liars Liars,
    double LieProbability = 1.0,
    bool Adaptive = true,
    double SpotCheckRate = KnownAnswerChecks.DefaultRate,
    bool ReopenOnCatch = false,
    bool SoloResultsRaiseTrust = false,
    int Accounts = 1_000,
    double BadShare = 0.2,
    int Units = 100_000,
    int WarmUpUnits = 20_000,
    double FailureRate = 0.02,
    int Seed = 42)
{
    public ReplicationPolicy Policy { get; init; } = ReplicationPolicy.Default;
}

internal sealed record SimulationResult(
    SimulationSettings Settings,
    long ReplicasAfterWarmUp,
    long AcceptedAfterWarmUp,
    long AcceptedAloneAfterWarmUp,
    long Checks,
    long Catches,
    long Reopened,
    long WrongEverAccepted,
    long WrongAcceptedAtEnd,
    long Failed,
    double HonestTrusted,
    double BadTrusted)
{
    public double ReplicasPerAcceptedUnit => (double)ReplicasAfterWarmUp / AcceptedAfterWarmUp;
}

/// <summary>
/// Adaptive replication played out on the real Domain rules (QuorumRules, TrustRules, ReplicaEligibility,
/// KnownAnswerChecks) with a seeded random source. Accounts ask for work in random order; a replica's result comes
/// back at once (no overlap between replicas, which only shifts when, not how many, replicas are issued). A unit
/// waiting for more replicas goes to the next eligible asker; otherwise the asker opens a new unit: alone when it is
/// trusted and <see cref="TrustRules.MayRunAlone"/> says so (or, at the check rate, a known-answer check instead),
/// with the full quorum otherwise. A share of all replicas time out, honest or not.
/// </summary>
internal sealed class AdaptiveReplicationSimulation
{
    private readonly SimulationSettings _settings;
    private readonly Random _random;
    private readonly Account[] _accounts;
    private readonly Dictionary<Guid, Account> _byId;
    private readonly List<Unit> _waiting = [];
    private readonly List<Unit> _knownAnswers = [];
    private readonly List<Unit> _units = [];
    private long _nextReplicaId;
    private bool _measuring;
    private long _replicasMeasured, _acceptedMeasured, _aloneMeasured, _checks, _catches, _reopened, _failed;

    public AdaptiveReplicationSimulation(SimulationSettings settings)
    {
        _settings = settings;
        _random = new Random(settings.Seed);
        var badCount = (int)(settings.Accounts * settings.BadShare);
        // A few accounts share a /24, as neighbours and households do, so the subnet rule has work to do.
        _accounts = Enumerable.Range(0, settings.Accounts)
            .Select(i => new Account(new Guid(i + 1, 0, 0, new byte[8]), $"10.{_random.Next(4)}.{_random.Next(250)}.0/24", Bad: i < badCount))
            .ToArray();
        _byId = _accounts.ToDictionary(account => account.Id);
    }

    public SimulationResult Run()
    {
        var stepsWithoutWork = 0;
        while (_units.Count < _settings.Units || _waiting.Count > 0)
        {
            var account = _accounts[_random.Next(_accounts.Length)];
            var unit = _waiting.Find(waiting => ReplicaEligibility.MayTake(waiting.Holders, account.Id, account.Subnet));
            if (unit is null)
            {
                if (_units.Count >= _settings.Units)
                {
                    stepsWithoutWork = ++stepsWithoutWork < 1_000_000 ? stepsWithoutWork : throw new InvalidOperationException("No account may take the waiting units.");
                    continue;
                }

                var alone = _settings.Adaptive && TrustRules.MayRunAlone(account.Trust, _random.NextDouble());
                if (alone && KnownAnswerChecks.ShouldCheck(account.Trust, _settings.SpotCheckRate, _random.NextDouble()) && TryCheck(account))
                {
                    continue;
                }

                _measuring = _units.Count >= _settings.WarmUpUnits;
                unit = new Unit(_units.Count, alone ? 1 : _settings.Policy.Quorum);
                _units.Add(unit);
            }

            RunReplica(unit, account);
        }

        var honest = _accounts.Where(account => !account.Bad).ToList();
        var bad = _accounts.Where(account => account.Bad).ToList();
        return new SimulationResult(
            _settings, _replicasMeasured, _acceptedMeasured, _aloneMeasured, _checks, _catches, _reopened,
            _units.Count(unit => unit.EverWrong),
            _units.Count(unit => unit.Accepted is { } hash && hash != Truth(unit)),
            _failed,
            honest.Count(account => TrustRules.IsTrusted(account.Trust)) / (double)Math.Max(1, honest.Count),
            bad.Count(account => TrustRules.IsTrusted(account.Trust)) / (double)Math.Max(1, bad.Count));
    }

    private void RunReplica(Unit unit, Account account)
    {
        unit.Holders.Add(new ReplicaHolder(account.Id, account.Subnet));
        unit.Replicas.Add(Compute(account, unit));
        Judge(unit);
    }

    private ReplicaOutcome Compute(Account account, Unit unit)
    {
        var id = ++_nextReplicaId;
        _replicasMeasured += _measuring ? 1 : 0;
        if (_random.NextDouble() < _settings.FailureRate)
        {
            account.Trust = TrustRules.AfterError(account.Trust);
            return new ReplicaOutcome(id, account.Id, ReplicaStatus.TimedOut, null);
        }

        return new ReplicaOutcome(id, account.Id, ReplicaStatus.Succeeded, Answer(account, unit));
    }

    private string Answer(Account account, Unit unit)
    {
        if (!account.Bad)
        {
            return Truth(unit);
        }

        return _settings.Liars switch
        {
            Liars.Collude => $"collusion:{unit.Index}",
            Liars.LieSometimes when _random.NextDouble() >= _settings.LieProbability => Truth(unit),
            _ => $"garbage:{_random.NextInt64()}",
        };
    }

    private static string Truth(Unit unit) => $"truth:{unit.Index}";

    private void Judge(Unit unit)
    {
        switch (QuorumRules.Decide(_settings.Policy, unit.Required, unit.Replicas))
        {
            case UnitVerdict.Undecided { MoreReplicasNeeded: 0 }:
                throw new InvalidOperationException("Waiting with nothing in flight: every replica here finishes at once.");
            case UnitVerdict.Undecided:
                if (!_waiting.Contains(unit))
                {
                    _waiting.Add(unit);
                }

                break;
            case UnitVerdict.Accepted accepted:
                _waiting.Remove(unit);
                Accept(unit, accepted);
                break;
            case UnitVerdict.Failed:
                _waiting.Remove(unit);
                _failed++;
                break;
        }
    }

    private void Accept(Unit unit, UnitVerdict.Accepted accepted)
    {
        var firstAcceptance = !unit.EverAccepted;
        unit.Accepted = accepted.CanonicalHash;
        unit.EverAccepted = true;
        unit.EverWrong |= accepted.CanonicalHash != Truth(unit);
        if (firstAcceptance && _measuring)
        {
            _acceptedMeasured++;
            _aloneMeasured += accepted.IsCorroborated ? 0 : 1;
        }

        var accountOf = unit.Replicas.ToDictionary(replica => replica.ReplicaId, replica => _byId[replica.AccountId]);
        if (KnownAnswerChecks.CanServeAsKnownAnswer(accepted))
        {
            _knownAnswers.Add(unit);
            foreach (var id in accepted.ValidReplicas)
            {
                accountOf[id].Trust = TrustRules.AfterValid(accountOf[id].Trust);
            }
        }
        else
        {
            var soloAccount = accountOf[accepted.ValidReplicas[0]];
            unit.AloneBy = soloAccount;
            soloAccount.AcceptedAloneSinceReset.Add(unit);
            if (_settings.SoloResultsRaiseTrust)
            {
                // The alternative TrustRules rejects, kept here to measure what it costs.
                soloAccount.Trust = TrustRules.AfterValid(soloAccount.Trust);
            }
        }

        foreach (var id in accepted.InvalidReplicas)
        {
            Catch(accountOf[id]);
        }
    }

    /// <summary>A known-answer check: a unit independent accounts agreed on, which this account never held.</summary>
    private bool TryCheck(Account account)
    {
        for (var attempt = 0; attempt < 5 && _knownAnswers.Count > 0; attempt++)
        {
            var known = _knownAnswers[_random.Next(_knownAnswers.Count)];
            if (!ReplicaEligibility.MayTake(known.Holders, account.Id, account.Subnet))
            {
                continue;
            }

            _checks++;
            known.Holders.Add(new ReplicaHolder(account.Id, account.Subnet));
            var outcome = Compute(account, known);
            var result = KnownAnswerChecks.Judge(known.Accepted!, outcome.Status, outcome.OutputHash, account.Trust);
            account.Trust = result.ConsecutiveValid;
            if (result.CaughtLying)
            {
                Catch(account);
            }

            return true;
        }

        return false;
    }

    /// <summary>
    /// An account shown to be wrong loses its trust; with <see cref="SimulationSettings.ReopenOnCatch"/> the units it
    /// had accepted alone since its trust last stood at zero go back for the full quorum.
    /// </summary>
    private void Catch(Account account)
    {
        _catches++;
        account.Trust = TrustRules.AfterInvalid(account.Trust);
        var suspects = account.AcceptedAloneSinceReset.ToList();
        account.AcceptedAloneSinceReset.Clear();
        if (!_settings.ReopenOnCatch)
        {
            return;
        }

        foreach (var unit in suspects.Where(unit => unit.AloneBy == account))
        {
            _reopened++;
            unit.Accepted = null;
            unit.AloneBy = null;
            unit.Required = _settings.Policy.Quorum;
            Judge(unit);
        }
    }

    private sealed record Account(Guid Id, string Subnet, bool Bad)
    {
        public int Trust { get; set; }

        public List<Unit> AcceptedAloneSinceReset { get; } = [];
    }

    private sealed class Unit(int index, int required)
    {
        public int Index { get; } = index;
        public int Required { get; set; } = required;
        public List<ReplicaOutcome> Replicas { get; } = [];
        public List<ReplicaHolder> Holders { get; } = [];
        public string? Accepted { get; set; }
        public bool EverAccepted { get; set; }
        public bool EverWrong { get; set; }
        public Account? AloneBy { get; set; }
    }
}
