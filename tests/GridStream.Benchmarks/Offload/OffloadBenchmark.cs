using System.Diagnostics;
using System.Globalization;
using GridStream.Domain.Swarms;
using GridStream.Domain.Swarms.Playback;

namespace GridStream.Benchmarks.Offload;

/// <summary>
/// Offload of one live stream with a large audience and churn (issue 3): a deterministic discrete-event simulation
/// that drives the real decision code — the server's SwarmRegistry (SwarmPartition, FetcherRotation, SourcePlanner,
/// PeerQuality) and the agent's playback decisions (SegmentAttempt, FetchPolicy, PlayoutBuffer, NeighbourTally) —
/// on a simulated clock with per-viewer bandwidth. Arguments are name=value pairs; see <see cref="OffloadSettings"/>.
/// </summary>
internal static class OffloadBenchmark
{
    private const int ShapeSampleMs = 2_000;

    public static int Run(string[] args)
    {
        OffloadSettings settings;
        try
        {
            settings = OffloadSettings.Parse(args);
        }
        catch (FormatException e)
        {
            Console.Error.WriteLine($"offload: {e.Message}");
            return 2;
        }

        Console.WriteLine($"offload: {settings}");
        var clock = Stopwatch.StartNew();
        var (loop, figures, shape) = Simulate(settings);
        Print(settings, figures, shape, loop.EventsRun, clock.Elapsed);
        return 0;
    }

    private static (EventLoop Loop, OffloadFigures Figures, IReadOnlyList<int> FinalSizes) Simulate(OffloadSettings settings)
    {
        var random = new Random(settings.Seed);
        var loop = new EventLoop();
        const int firstArrivalMs = 10_000;
        var windowStartMs = firstArrivalMs + settings.WarmupMinutes * 60_000L;
        var endMs = windowStartMs + settings.Minutes * 60_000L;
        var figures = new OffloadFigures(windowStartMs, endMs);
        var stream = new LiveStream(segmentMs: 2_000, settings.BitrateKbps, followerPhaseMs: random.Next(2_000));
        var swarm = new SimulatedSwarm(loop, stream, new GroupPolicy(settings.MinGroupSize, settings.MaxGroupSize, settings.TargetGroupSize), figures);
        var audience = new Audience(random);
        var present = new List<SimulatedViewer>();
        var atWindowStart = new Dictionary<SimulatedViewer, (int, long)>();

        void Arrive()
        {
            var viewer = new SimulatedViewer(loop, swarm, figures, audience.Next(), new Random(random.Next()));
            present.Add(viewer);
            viewer.Join();
        }

        void Account(SimulatedViewer viewer)
        {
            if (viewer.JoinedAtMs < windowStartMs && !atWindowStart.ContainsKey(viewer))
            {
                return; // left before the window opened
            }

            figures.AddViewer(viewer.JoinedAtMs, loop.NowMs, atWindowStart.GetValueOrDefault(viewer), (viewer.Stalls, viewer.StalledMs));
            if (viewer.JoinedAtMs >= windowStartMs && viewer.StartedPlayingAtMs is { } started)
            {
                figures.StartupDelaysMs.Add(started - viewer.JoinedAtMs);
            }
        }

        // The audience arrives over the first minute, then churns at a steady rate (one leaves, one arrives).
        for (var i = 0; i < settings.Viewers; i++)
        {
            loop.At(firstArrivalMs + random.NextInt64(60_000), Arrive);
        }

        var churnPerMs = settings.Viewers * settings.ChurnPercentPerMinute / 100.0 / 60_000;
        if (churnPerMs > 0)
        {
            var at = firstArrivalMs + 60_000L;
            while (at < endMs)
            {
                at += (long)Math.Ceiling(-Math.Log(1 - random.NextDouble()) / churnPerMs);
                loop.At(at, () =>
                {
                    if (present.Count == 0)
                    {
                        return;
                    }

                    var index = random.Next(present.Count);
                    var leaving = present[index];
                    present[index] = present[^1];
                    present.RemoveAt(present.Count - 1);
                    leaving.Leave();
                    Account(leaving);
                    Arrive();
                });
            }
        }

        loop.At(windowStartMs, () =>
        {
            foreach (var viewer in present)
            {
                atWindowStart[viewer] = (viewer.Stalls, viewer.StalledMs);
            }
        });
        for (var at = windowStartMs; at < endMs; at += ShapeSampleMs)
        {
            loop.At(at, () =>
            {
                var (viewers, groups, _) = swarm.Shape();
                figures.SampleShape(viewers, groups);
            });
        }

        loop.RunUntil(endMs);
        var finalSizes = swarm.Shape().Sizes;
        foreach (var viewer in present)
        {
            viewer.Leave();
            Account(viewer);
        }

        return (loop, figures, finalSizes);
    }

    private static void Print(OffloadSettings settings, OffloadFigures figures, IReadOnlyList<int> finalSizes, long events, TimeSpan wall)
    {
        var culture = CultureInfo.InvariantCulture;
        var total = figures.PeerBytes + figures.CdnBytes;
        var designated = figures.Cdn(CdnReason.Designated);
        var bufferLow = figures.Cdn(CdnReason.BufferLow);
        var timedOut = figures.Cdn(CdnReason.PeersTimedOut);
        var cdnSegments = designated.Segments + bufferLow.Segments + timedOut.Segments;
        var sizes = finalSizes.Order().ToList();
        var meanGroup = figures.GroupsSampled == 0 ? 0 : (double)figures.ViewersSampled / figures.GroupsSampled;
        var startups = figures.StartupDelaysMs.Order().ToList();
        Console.WriteLine(string.Create(culture, $"window            {settings.Minutes} min after {settings.WarmupMinutes} min of warm-up; {events:N0} events in {wall.TotalSeconds:0.0} s"));
        Console.WriteLine(string.Create(culture, $"segment bytes     {total:N0}: {figures.PeerBytes:N0} from peers, {figures.CdnBytes:N0} from the CDN"));
        Console.WriteLine(string.Create(culture, $"P2P share         {figures.SharePerTenThousand / 100m:0.00} %"));
        Console.WriteLine(string.Create(culture, $"ceiling           {figures.CeilingPerTenThousand / 100m:0.00} % = 1 − groups/viewers (mean group {meanGroup:0.00}); distance {(figures.CeilingPerTenThousand - figures.SharePerTenThousand) / 100m:0.00} points"));
        Console.WriteLine(string.Create(culture, $"segments          {figures.PeerSegments + cdnSegments:N0}: {figures.PeerSegments:N0} from peers; CDN {designated.Segments:N0} designated, {bufferLow.Segments:N0} buffer low, {timedOut.Segments:N0} peers too slow"));
        Console.WriteLine(string.Create(culture, $"stalls            {figures.Stalls:N0}, {figures.StalledMs / 1000.0:N1} s stalled in {figures.WatchedMs / 3_600_000.0:N1} viewer-hours = {(figures.WatchedMs == 0 ? 0 : figures.StalledMs * 100.0 / figures.WatchedMs):0.000} % of watching time"));
        if (startups.Count > 0)
        {
            Console.WriteLine(string.Create(culture, $"start-up          {startups.Count} newcomers in the window: median {startups[startups.Count / 2]} ms, p95 {startups[(int)(startups.Count * 0.95)]} ms to the first segment"));
        }

        Console.WriteLine(string.Create(culture, $"peer failures     {figures.PeerFailures:N0} (timeouts, cut transfers, peers gone); {figures.GroupNotices:N0} GroupChanged pushes"));
        Console.WriteLine(string.Create(culture, $"groups at end     {sizes.Count} groups of {sizes.FirstOrDefault()}–{sizes.LastOrDefault()} ({string.Join(", ", sizes.GroupBy(size => size).Select(group => $"{group.Count()}×{group.Key}"))})"));
    }
}
