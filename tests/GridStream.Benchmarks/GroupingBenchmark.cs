using System.Net;
using GridStream.Domain.Swarms;
using GridStream.Domain.Swarms.Protocol;
using GridStream.Server.Peers;

namespace GridStream.Benchmarks;

/// <summary>
/// The swarm manager's grouping decisions at scale, through the same registry the hub uses: every peer joins
/// (register), then a churn phase mixes leaves with rejoins, reports (which may reassign or remove) and source
/// plans. Each operation is timed on its own; memory per peer is the managed heap growth over the join phase.
/// </summary>
internal static class GroupingBenchmark
{
    public static int Run(string[] args)
    {
        var peers = args.Length > 0 ? int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 100_000;
        var contents = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 1_000;
        Console.WriteLine($"grouping: {peers:N0} peers across {contents:N0} contents, groups of 5–10");

        Execute(Math.Min(peers, 20_000), Math.Min(contents, 200), print: false); // JIT and caches warm
        Execute(peers, contents, print: true);
        return 0;
    }

    private static void Execute(int peerCount, int contentCount, bool print)
    {
        var random = new Random(42);
        var contents = Enumerable.Range(0, contentCount).Select(_ => new ContentRendition(Guid.NewGuid(), "360p")).ToArray();
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var registry = new SwarmRegistry(GroupPolicy.Default);
        var join = new Latencies("register", peerCount * 2);
        var leave = new Latencies("withdraw", peerCount);
        var report = new Latencies("report", peerCount);
        var plan = new Latencies("plan", peerCount);
        var sessions = new List<PeerSession>(peerCount);

        for (var i = 0; i < peerCount; i++)
        {
            var session = NewSession(random, contents);
            sessions.Add(session);
            join.Measure(() => registry.Register(session));
        }

        var after = GC.GetTotalMemory(forceFullCollection: true);
        var segments = Enumerable.Range(0, 5).Select(i => new ManifestEntry(i, 2_000, $"http://cdn/{i}.ts", new string('a', 64))).ToList();

        for (var i = 0; i < peerCount; i++)
        {
            var pick = random.Next(sessions.Count);
            var session = sessions[pick];
            switch (random.Next(10))
            {
                case < 3:
                    leave.Measure(() => registry.Withdraw(session.PeerId));
                    var replacement = NewSession(random, contents);
                    sessions[pick] = replacement;
                    join.Measure(() => registry.Register(replacement));
                    break;
                case < 7:
                    var neighbours = registry.ViewOf(session.Watching, session.PeerId)!.Members
                        .Where(peer => peer != session.PeerId).Take(3)
                        .Select(peer => new NeighbourReport(peer, 500_000, 4_000, random.Next(5, 80), 2, random.Next(3) == 0 ? 1 : 0, 0))
                        .ToList();
                    report.Measure(() => registry.ApplyReport(session.PeerId, new PeerReport(neighbours, 8_000, 0, 0, 500_000)));
                    break;
                default:
                    plan.Measure(() => registry.PlanSources(session.PeerId, segments));
                    break;
            }
        }

        if (!print)
        {
            return;
        }

        foreach (var latencies in new[] { join, leave, report, plan })
        {
            Console.WriteLine(latencies.Summary());
        }

        Console.WriteLine($"memory     {(after - before) / (double)peerCount:0} bytes per peer (managed heap growth over {peerCount:N0} registrations)");
        var sizes = registry.Summaries().SelectMany(summary => summary.GroupSizes).ToList();
        Console.WriteLine($"groups     {sizes.Count:N0}, sizes {sizes.Min()}–{sizes.Max()}, mean {sizes.Average():0.0}");
    }

    private static PeerSession NewSession(Random random, ContentRendition[] contents)
    {
        var address = new IPAddress([10, (byte)random.Next(1, 4), (byte)random.Next(256), (byte)random.Next(1, 255)]);
        var profile = new NetworkProfile(address, 64_500 + random.Next(20), $"edge-{random.Next(8)}", [], 20_000, random.Next(1_000, 40_000));
        var watching = contents[random.Next(contents.Length)];
        return new PeerSession(Guid.NewGuid(), Guid.NewGuid().ToString("N"), Guid.NewGuid(), profile, watching, [], computeEnabled: false);
    }
}
