using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using GridStream.Agent.Connection;
using GridStream.Agent.Watching;
using GridStream.Domain.Swarms.Protocol;

namespace GridStream.Agent.Cli;

/// <summary><c>gridstream watch</c>: one headless viewer that joins the swarm, watches, serves its group mates and reports.</summary>
internal static class WatchCommand
{
    public static Command Create(CommonOptions common, Func<HttpClient> http, TextWriter output, TextWriter error)
    {
        var address = new Option<string?>("--address") { Description = "Address to declare to the server (honoured only by servers that trust declared addresses)" };
        var bind = new Option<string>("--bind") { Description = "Address to serve segments to peers on", DefaultValueFactory = _ => "127.0.0.1" };
        var compute = new Option<bool>("--compute") { Description = "While watching, run compute tasks in the sandbox for credits" };
        var cores = new Option<int>("--cores") { Description = "Tasks to run at once with --compute", DefaultValueFactory = _ => 1 };
        var command = new Command("watch", "Watch content as a headless peer: fetch, verify and share segments, and report");
        common.AddTo(command);
        command.Options.Add(address);
        command.Options.Add(bind);
        command.Options.Add(compute);
        command.Options.Add(cores);
        command.SetAction((parse, cancellationToken) => AgentCommandLine.Guarded(error, async () =>
        {
            var server = common.ServerUrl(parse);
            var bindAddress = IPAddress.TryParse(parse.GetValue(bind), out var parsed)
                ? parsed
                : throw new AgentFailure($"'{parse.GetValue(bind)}' is not an IP address to bind to.");
            var network = LocalNetwork(parse.GetValue(address));
            var computeCores = parse.GetValue(compute) ? ComputeCores(parse.GetValue(cores)) : 0;
            var settings = new AgentSettings(server, common.Watching(parse), network, bindAddress, common.SpeedFactor(parse), ComputeCores: computeCores);
            var duration = common.Duration(parse);
            using var client = http();
            var tokens = await AccessTokens.SignInAsync(client, server, common.Credentials(parse), TimeProvider.System, cancellationToken).ConfigureAwait(false);
            await using var agent = await ViewerAgent.JoinAsync(settings, tokens, client, cancellationToken).ConfigureAwait(false);
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"Joined as peer {agent.PeerId} in group {agent.Group?.GroupId} ({agent.Group?.Members.Count} members); serving segments at {agent.ServesAt}"))
                .ConfigureAwait(false);
            return await WatchWithProgressAsync(agent, duration, output, cancellationToken).ConfigureAwait(false);
        }));
        return command;
    }

    private static async Task<int> WatchWithProgressAsync(ViewerAgent agent, TimeSpan duration, TextWriter output, CancellationToken cancellationToken)
    {
        using var done = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var progress = WriteProgressAsync(agent, output, done.Token);
        try
        {
            await agent.WatchAsync(duration, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Ctrl+C ends watching early; what was watched is still worth a summary.
        }

        await done.CancelAsync().ConfigureAwait(false);
        await progress.ConfigureAwait(false);

        var figures = agent.Figures;
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"Watched {figures.Segments} segments: {figures.PeerBytes:N0} bytes from peers, {figures.CdnBytes:N0} from the CDN ({figures.PeerSharePercent:0.00}% from peers), {figures.Stalls} stalls, {figures.BadSegments} bad segments caught"))
            .ConfigureAwait(false);
        if (agent.ComputeFigures is { } computed)
        {
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"Computed {computed.Succeeded + computed.Failed} tasks ({computed.Failed} failed): {computed.Recorded} results taken by the server, {computed.Refused} refused"))
                .ConfigureAwait(false);
        }

        if (agent.RemovedBecause is { } reason)
        {
            throw new AgentFailure($"The server removed this peer from the swarm: {reason}");
        }

        return 0;
    }

    private static async Task WriteProgressAsync(ViewerAgent agent, TextWriter output, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(2));
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
            {
                var figures = agent.Figures;
                var group = agent.Group;
                await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"[{clock.Elapsed.TotalSeconds,4:0}s] group {group?.GroupId} ({group?.Members.Count}) · {figures.Segments} segments · {figures.PeerSharePercent:0.0}% from peers · {figures.Stalls} stalls · {figures.BadSegments} bad{ComputeProgress(agent)}"))
                    .ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Watching is over.
        }
    }

    private static string ComputeProgress(ViewerAgent agent) => agent.ComputeFigures is { } computed
        ? string.Create(CultureInfo.InvariantCulture, $" · {computed.Succeeded + computed.Failed} tasks run, {computed.Recorded} taken")
        : "";

    internal static int ComputeCores(int cores) =>
        cores is >= 1 and <= 64 ? cores : throw new AgentFailure($"--cores is between 1 and 64, not {cores}.");

    internal static DeclaredNetwork LocalNetwork(string? declaredAddress) =>
        new("edge-local", ["home", "isp", "edge-local"], DownKbps: 20_000, UpKbps: 5_000, declaredAddress);
}
