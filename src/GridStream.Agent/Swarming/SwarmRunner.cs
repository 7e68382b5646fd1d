using System.Diagnostics;
using System.Globalization;
using System.Net;
using GridStream.Agent.Connection;
using GridStream.Agent.Watching;
using GridStream.Domain.Swarms.Playback;
using GridStream.Domain.Swarms.Protocol;
using GridStream.Sandbox;

namespace GridStream.Agent.Swarming;

/// <summary>
/// How a swarm run is made up. The last <see cref="CorruptViewers"/> viewers serve corrupted segments, to show detection.
/// <see cref="ComputeAccounts"/>, when given, are the computing viewers' accounts (one each); otherwise each signs up afresh.
/// </summary>
internal sealed record SwarmSettings(
    Uri Server,
    ContentRendition Watching,
    int Viewers,
    TimeSpan Duration,
    Credentials? Credentials = null,
    double Speed = 1,
    int CorruptViewers = 0,
    TimeSpan? ReportInterval = null,
    TimeSpan? ProgressInterval = null,
    int ComputingViewers = 0,
    int ComputeCores = 2,
    IReadOnlyList<Credentials>? ComputeAccounts = null);

/// <summary>
/// Runs N headless viewers in one process. They join one after another (so groups form by arrival, as on a real
/// swarm), learn where their group mates serve, then watch together while a progress line is written every few
/// seconds. Watching viewers share one viewer account (the hub tells peers apart by connection); the first
/// <see cref="SwarmSettings.ComputingViewers"/> also compute, each on an account of its own — the broker never gives two
/// replicas of a unit to one account — and all on one shared pool of sandbox workers.
/// </summary>
internal static class SwarmRunner
{
    /// <summary>How long joined viewers may take to hear each other's addresses before watching starts anyway.</summary>
    private static readonly TimeSpan AnnouncementPatience = TimeSpan.FromSeconds(5);

    /// <param name="endEarly">Ends the watching before <see cref="SwarmSettings.Duration"/> as if the time were up.</param>
    public static async Task<IReadOnlyList<AgentOutcome>> RunAsync(
        SwarmSettings settings, HttpClient http, TextWriter progress, CancellationToken cancellationToken, CancellationToken endEarly = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(settings.Viewers, 1);
        if (settings.ComputeAccounts is { } accounts && accounts.Count != settings.ComputingViewers)
        {
            throw new ArgumentException("Give one account per computing viewer, or none.", nameof(settings));
        }

        var tokens = await AccessTokens.SignInAsync(http, settings.Server, settings.Credentials, TimeProvider.System, cancellationToken).ConfigureAwait(false);
        var agents = new List<ViewerAgent>(settings.Viewers);
        await using var pool = settings.ComputingViewers > 0 ? new SandboxPool(settings.ComputeCores) : null;
        try
        {
            for (var i = 0; i < settings.Viewers; i++)
            {
                var computes = i < settings.ComputingViewers;
                var agentSettings = new AgentSettings(settings.Server, settings.Watching, DemoNetworks.For(i), IPAddress.Loopback,
                    settings.Speed, settings.ReportInterval, ServesCorruptSegments: i >= settings.Viewers - settings.CorruptViewers,
                    ComputeCores: computes ? settings.ComputeCores : 0);
                var agentTokens = computes
                    ? await AccessTokens.SignInAsync(http, settings.Server, settings.ComputeAccounts?[i], TimeProvider.System, cancellationToken).ConfigureAwait(false)
                    : tokens;
                agents.Add(await ViewerAgent.JoinAsync(agentSettings, agentTokens, http, cancellationToken, pool).ConfigureAwait(false));
            }

            await WaitForAnnouncementsAsync(agents, cancellationToken).ConfigureAwait(false);
            await progress.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"{agents.Count} viewers joined in {agents.Select(agent => agent.Group?.GroupId).Distinct().Count()} groups; watching for {settings.Duration.TotalSeconds:0} s")).ConfigureAwait(false);

            using var watching = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var progressLines = WriteProgressAsync(agents, settings.ProgressInterval ?? TimeSpan.FromSeconds(2), progress, watching.Token);
            await Task.WhenAll(agents.Select(agent => agent.WatchAsync(settings.Duration, cancellationToken, endEarly))).ConfigureAwait(false);
            await watching.CancelAsync().ConfigureAwait(false);
            await progressLines.ConfigureAwait(false);

            return agents.Select(agent => new AgentOutcome(agent.PeerId, agent.Group?.GroupId, agent.Figures, agent.RemovedBecause, agent.ServesCorruptSegments, agent.ComputeFigures))
                .ToList();
        }
        finally
        {
            await Task.WhenAll(agents.Select(agent => agent.DisposeAsync().AsTask())).ConfigureAwait(false);
        }
    }

    private static async Task WaitForAnnouncementsAsync(List<ViewerAgent> agents, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < AnnouncementPatience && !agents.All(agent => agent.KnowsAllGroupMates))
        {
            await Task.Delay(50, cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task WriteProgressAsync(List<ViewerAgent> agents, TimeSpan interval, TextWriter progress, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        using var timer = new PeriodicTimer(interval);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
            {
                var figures = ViewingFigures.Sum(agents.Select(agent => agent.Figures));
                var watching = agents.Count(agent => agent.RemovedBecause is null);
                var groups = agents.Where(agent => agent.RemovedBecause is null).Select(agent => agent.Group?.GroupId).Distinct().Count();
                await progress.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"[{clock.Elapsed.TotalSeconds,4:0}s] {watching} watching in {groups} groups · {figures.Segments} segments · {figures.PeerSharePercent:0.0}% from peers · {figures.Stalls} stalls · {figures.BadSegments} bad"))
                    .ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The run is over.
        }
    }
}
