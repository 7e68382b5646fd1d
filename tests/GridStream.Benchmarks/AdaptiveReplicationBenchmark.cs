using System.Diagnostics;
using System.Globalization;
using GridStream.Domain.Compute;

namespace GridStream.Benchmarks;

/// <summary>
/// Adaptive replication with 20 % bad accounts (issue 4): replicas issued per accepted unit after warm-up, and wrong
/// results accepted, for each kind of liar, with and without known-answer checks and re-running a caught liar's
/// solo units. Pure Domain rules, seeded: the same arguments give the same figures on any machine.
/// </summary>
internal static class AdaptiveReplicationBenchmark
{
    public static int Run(string[] args)
    {
        var units = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 100_000;
        var accounts = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 1_000;
        var seed = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 42;
        Console.WriteLine($"adaptive replication: {units:N0} units, {accounts:N0} accounts (20 % bad), quorum 2 of at most 6 unless named, "
            + $"2 % of replicas time out, warm-up {units / 5:N0} units, seed {seed}");
        Console.WriteLine();
        Console.WriteLine("| scenario | replicas / accepted unit | accepted alone | checks | trust resets | reopened | wrong accepted (ever) | wrong accepted (at end) | failed | honest trusted | bad trusted |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|---|---|---|");

        var stopwatch = Stopwatch.StartNew();
        foreach (var settings in Scenarios())
        {
            var result = new AdaptiveReplicationSimulation(settings with { Units = units, Accounts = accounts, WarmUpUnits = units / 5, Seed = seed }).Run();
            Console.WriteLine(Row(result));
        }

        Console.WriteLine();
        Console.WriteLine($"{stopwatch.Elapsed.TotalSeconds:0.0} s in all");
        return 0;
    }

    private static IEnumerable<SimulationSettings> Scenarios()
    {
        yield return new("always lie, no adaptive replication", Liars.AlwaysLie, Adaptive: false);
        yield return new("always lie", Liars.AlwaysLie);
        yield return new("lie 10 %, no checks", Liars.LieSometimes, 0.10, SpotCheckRate: 0);
        yield return new("lie 10 %", Liars.LieSometimes, 0.10);
        yield return new("lie 10 %, checks 25 %", Liars.LieSometimes, 0.10, SpotCheckRate: 0.25);
        yield return new("lie 10 %, reopen", Liars.LieSometimes, 0.10, ReopenOnCatch: true);
        yield return new("lie 10 %, solo results raise trust", Liars.LieSometimes, 0.10, SoloResultsRaiseTrust: true);
        yield return new("lie 1 %", Liars.LieSometimes, 0.01);
        yield return new("lie 1 %, reopen", Liars.LieSometimes, 0.01, ReopenOnCatch: true);
        yield return new("collude, no adaptive replication", Liars.Collude, Adaptive: false);
        yield return new("collude, reopen", Liars.Collude, ReopenOnCatch: true);
        yield return new("collude, quorum 3, no adaptive replication", Liars.Collude, Adaptive: false) { Policy = ReplicationPolicy.Default with { Quorum = 3 } };
        yield return new("collude, quorum 3, reopen", Liars.Collude, ReopenOnCatch: true) { Policy = ReplicationPolicy.Default with { Quorum = 3 } };
    }

    private static string Row(SimulationResult r)
    {
        var s = r.Settings;
        return string.Create(CultureInfo.InvariantCulture,
            $"| {s.Name} | {r.ReplicasPerAcceptedUnit:0.000} | {Percent(r.AcceptedAloneAfterWarmUp, r.AcceptedAfterWarmUp)} | {r.Checks:N0} | {r.Catches:N0} | {r.Reopened:N0} | "
            + $"{r.WrongEverAccepted:N0} | {r.WrongAcceptedAtEnd:N0} | {r.Failed:N0} | {r.HonestTrusted:P0} | {r.BadTrusted:P0} |");
    }

    private static string Percent(long part, long whole) =>
        whole == 0 ? "–" : string.Create(CultureInfo.InvariantCulture, $"{100.0 * part / whole:0.0} %");
}
