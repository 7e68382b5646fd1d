using GridStream.Agent.Cli;
using GridStream.Agent.Computing;
using GridStream.Agent.Connection;
using GridStream.Agent.Peering;
using GridStream.Domain.Swarms;
using GridStream.Domain.Swarms.Playback;
using GridStream.Domain.Swarms.Protocol;
using GridStream.Sandbox;
using Microsoft.AspNetCore.SignalR;

namespace GridStream.Agent.Watching;

/// <summary>
/// One headless viewer: serves what it holds over HTTP, joins the swarm through the hub, tells its group mates where
/// it serves (and learns where they do) through the hub's signaling, then watches and reports. The server may remove
/// it (for serving bad segments): watching then stops and <see cref="RemovedBecause"/> says why. When the connection
/// drops (the server closes it as the bearer token expires) the link reconnects with a renewed token and the agent
/// registers again, under a new peer id, and watches on.
/// </summary>
internal sealed class ViewerAgent : IAsyncDisposable
{
    private readonly AgentSettings _settings;
    private readonly PeerHubLink _hub;
    private readonly SegmentServer _server;
    private readonly PeerDirectory _directory = new();
    private readonly ViewingState _state;
    private readonly PlaybackLoop _playback;
    private readonly ReportLoop _reports;
    private readonly CancellationTokenSource _removal = new();
    private readonly ComputeLoop? _compute;
    private readonly SandboxPool? _ownPool;
    private readonly RegistrationGate _registered = new();
    private readonly PlaybackPass _pass;
    private RegisterResponse? _registration;
    private int _rejoins;
    private volatile GroupView? _group;
    private volatile bool _leaving;

    private ViewerAgent(
        AgentSettings settings, PeerHubLink hub, SegmentServer server, SegmentCache cache, UploadGate uploads, HttpClient http, PlaybackPass pass,
        SandboxPool? sharedPool)
    {
        if (settings.Computes)
        {
            var pool = sharedPool ?? (_ownPool = new SandboxPool(settings.ComputeCores));
            _compute = new ComputeLoop(hub, pool, settings.ComputeCores, TimeProvider.System);
        }

        _settings = settings;
        _pass = pass;
        _hub = hub;
        _server = server;
        _state = new ViewingState(settings.Speed);
        _playback = new PlaybackLoop(settings, hub, _registered, _directory, cache, uploads, new SegmentDownloader(http), _state, pass);
        _reports = new ReportLoop(hub, _state, GroupMates, () => uploads.Active, settings.ReportEvery);
        hub.GroupChanged += OnGroupChanged;
        hub.SignalReceived += OnSignal;
        hub.Removed += OnRemoved;
        hub.Reconnecting += _registered.Close;
        hub.Reconnected += RejoinAsync;
        hub.Closed += OnClosed;
    }

    public Guid PeerId => _registration?.PeerId ?? throw new InvalidOperationException("The agent has not joined yet.");
    public GroupView? Group => _group;
    public Uri ServesAt => _server.Address;
    public bool ServesCorruptSegments => _settings.ServesCorruptSegments;
    public string? RemovedBecause { get; private set; }
    public ViewingFigures Figures => _state.Figures;

    /// <summary>What the agent computed while watching; null when compute is off.</summary>
    public ComputeFigures? ComputeFigures => _compute?.Figures;

    /// <summary>How many times the agent registered again after its connection dropped.</summary>
    public int Rejoins => Volatile.Read(ref _rejoins);

    /// <summary>True once we know where every current group mate serves its segments.</summary>
    public bool KnowsAllGroupMates => GroupMates().All(_directory.Knows);

    /// <summary>
    /// Starts serving, connects to the hub with the viewer's token and registers (FIG. 11). An agent that computes
    /// runs its tasks on <paramref name="sharedPool"/> when given (many agents in one process), else on its own pool.
    /// </summary>
    public static async Task<ViewerAgent> JoinAsync(
        AgentSettings settings, AccessTokens tokens, HttpClient http, CancellationToken cancellationToken, SandboxPool? sharedPool = null)
    {
        // Before anything starts: without a token for priced content there is nothing to watch.
        var pass = await PlaybackPass.ObtainAsync(http, settings.Server, tokens, settings.Watching.ContentId, cancellationToken).ConfigureAwait(false);
        var cache = new SegmentCache(settings.CachedSegments);
        var uploads = new UploadGate(settings.Network.UpKbps);
        var sharing = SegmentSharing.For(pass.Required, settings.Server);
        var server = await SegmentServer.StartAsync(cache, uploads, settings.BindAddress, settings.ServesCorruptSegments, sharing, cancellationToken)
            .ConfigureAwait(false);
        var hub = new PeerHubLink(settings.Server, tokens);
        var agent = new ViewerAgent(settings, hub, server, cache, uploads, http, pass, sharedPool);
        try
        {
            await hub.StartAsync(cancellationToken).ConfigureAwait(false);
            var playbackToken = await pass.TokenAsync(cancellationToken).ConfigureAwait(false);
            agent._registration = await hub.RegisterAsync(agent.Registration(playbackToken), cancellationToken).ConfigureAwait(false);
            // The hub pushes the new group before it answers, so a newer view may be here already.
            agent.OnGroupChanged(agent._group ?? agent._registration.Group);
            agent._registered.Open();
            return agent;
        }
        catch
        {
            await agent.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// Watches for the given time, or until cancelled or removed by the server. <paramref name="endEarly"/> ends
    /// watching as if the time were up (a demo or test that has seen what it waited for).
    /// </summary>
    public async Task WatchAsync(TimeSpan duration, CancellationToken cancellationToken, CancellationToken endEarly = default)
    {
        var registration = _registration ?? throw new InvalidOperationException("Join before watching.");
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _removal.Token, endEarly);
        stop.CancelAfter(duration);
        var reporting = _reports.RunAsync(stop.Token);
        // Compute runs only while watching (DESIGN §6): it stops with playback.
        var computing = _compute?.RunAsync(stop.Token) ?? Task.CompletedTask;
        try
        {
            var first = registration.FirstPlan.Segments.FirstOrDefault()?.Sequence ?? 0;
            await _playback.RunAsync(first, stop.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            // Time is up, or the server removed us.
        }
        catch (AgentFailure) when (_removal.IsCancellationRequested)
        {
            // The hub refuses a removed peer's calls; RemovedBecause already says why.
        }
        finally
        {
            await stop.CancelAsync().ConfigureAwait(false);
            await reporting.ConfigureAwait(false);
            await StopComputingAsync(computing).ConfigureAwait(false);
        }

        if (RemovedBecause is null)
        {
            await _reports.SendAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        _leaving = true;
        if (_registration is not null && RemovedBecause is null)
        {
            try
            {
                using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                await _hub.WithdrawAsync(patience.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or InvalidOperationException or IOException or HubException)
            {
                // Disconnecting withdraws us too (FIG. 12).
            }
        }

        await _hub.DisposeAsync().ConfigureAwait(false);
        await _server.DisposeAsync().ConfigureAwait(false);
        if (_ownPool is not null)
        {
            await _ownPool.DisposeAsync().ConfigureAwait(false);
        }

        _removal.Dispose();
    }

    private static async Task StopComputingAsync(Task computing)
    {
        try
        {
            await computing.ConfigureAwait(false);
        }
        catch (AgentFailure)
        {
            // The hub refused compute calls (e.g. after a removal); watching has its own account of what happened.
        }
    }

    private IReadOnlySet<Guid> GroupMates()
    {
        var group = _group;
        var me = _registration?.PeerId;
        return group is null ? new HashSet<Guid>() : group.Members.Where(member => member != me).ToHashSet();
    }

    private void OnGroupChanged(GroupView view)
    {
        if (view.ContentId != _settings.Watching.ContentId || view.Rendition != _settings.Watching.Rendition)
        {
            return;
        }

        _group = view;
        _playback.GroupChanged();
        foreach (var mate in GroupMates())
        {
            TellWhereWeServe(mate);
        }
    }

    private void OnSignal(SignalMessage signal)
    {
        if (EndpointAnnouncement.Read(signal.Payload) is not { } endpoint)
        {
            return;
        }

        _directory.Learn(signal.From, endpoint);
        // It may have seen us join before we saw it: answer so that both sides know each other.
        if (GroupMates().Contains(signal.From))
        {
            TellWhereWeServe(signal.From);
        }
    }

    private void OnRemoved(string reason)
    {
        RemovedBecause = reason;
        _removal.Cancel();
    }

    /// <summary>The server forgot us when the connection dropped (FIG. 12): register again and tell the new group where we serve.</summary>
    private async Task RejoinAsync()
    {
        if (_leaving || RemovedBecause is not null)
        {
            return;
        }

        try
        {
            _group = null;
            _directory.ForgetWhomWeTold();
            var playbackToken = await _pass.TokenAsync(_removal.Token).ConfigureAwait(false);
            var registration = await _hub.RegisterAsync(Registration(playbackToken), _removal.Token).ConfigureAwait(false);
            _registration = registration;
            OnGroupChanged(_group ?? registration.Group);
            Interlocked.Increment(ref _rejoins);
            _registered.Open();
        }
        catch (Exception e) when (e is AgentFailure or InvalidOperationException or OperationCanceledException)
        {
            OnLost($"Joining the swarm again after a reconnect failed: {e.Message}");
        }
    }

    private void OnClosed(Exception? problem)
    {
        if (!_leaving)
        {
            OnLost($"The connection to the server was lost{(problem is null ? "" : $": {problem.Message}")}");
        }
    }

    private void OnLost(string reason)
    {
        RemovedBecause ??= reason;
        _removal.Cancel();
    }

    /// <summary>
    /// Agents serve and fetch over HTTP only (there is no WebRTC stack for .NET here), so the hub never names a browser
    /// as an agent's source; browsers fetch from agents over HTTP.
    /// </summary>
    private RegisterRequest Registration(string playbackToken) => new(
        _settings.Watching, _settings.Network, ComputeEnabled: _settings.Computes, PlaybackToken: playbackToken,
        Serves: [TransportNames.Http], Fetches: [TransportNames.Http]);

    private void TellWhereWeServe(Guid mate)
    {
        if (!_leaving && RemovedBecause is null && _directory.MarkTold(mate))
        {
            _ = _hub.SignalAsync(mate, EndpointAnnouncement.For(_server.Address));
        }
    }
}
