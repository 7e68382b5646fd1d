using System.Net;
using GridStream.Agent.Cli;
using GridStream.Domain.Compute.Protocol;
using GridStream.Domain.Swarms.Protocol;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace GridStream.Agent.Connection;

/// <summary>
/// The agent's side of the peer hub (DESIGN §4). Hub errors become <see cref="AgentFailure"/>s with the server's
/// message. Signals are sent without waiting for the server's answer: handlers of server pushes may send them, and
/// waiting for an answer inside a handler would block the connection that has to deliver it. A dropped connection
/// (the server closes it when the bearer token expires) is reconnected with a fresh token; the server forgets a
/// disconnected peer, so <see cref="Reconnected"/> tells the agent to register again.
/// </summary>
internal sealed partial class PeerHubLink : IAsyncDisposable
{
    private readonly HubConnection _connection;

    public PeerHubLink(Uri server, AccessTokens tokens)
    {
        _connection = new HubConnectionBuilder()
            .WithUrl(new Uri(server, PeerHubMethods.Path.TrimStart('/')), options =>
            {
                options.AccessTokenProvider = async () => await tokens.CurrentAsync(CancellationToken.None).ConfigureAwait(false);
                options.Transports = HttpTransportType.WebSockets;
                options.SkipNegotiation = true;
            })
            .WithAutomaticReconnect()
            .Build();
        _connection.On<GroupView>(PeerHubMethods.GroupChanged, view => GroupChanged?.Invoke(view));
        _connection.On<SignalMessage>(PeerHubMethods.SignalReceived, signal => SignalReceived?.Invoke(signal));
        _connection.On<string>(PeerHubMethods.Removed, reason => Removed?.Invoke(reason));
        _connection.On(WorkHubMethods.WorkAvailable, () => WorkAvailable?.Invoke());
        _connection.Reconnecting += _ =>
        {
            Reconnecting?.Invoke();
            return Task.CompletedTask;
        };
        _connection.Reconnected += _ => Reconnected?.Invoke() ?? Task.CompletedTask;
        _connection.Closed += problem =>
        {
            Closed?.Invoke(problem);
            return Task.CompletedTask;
        };
    }

    public event Action<GroupView>? GroupChanged;
    public event Action<SignalMessage>? SignalReceived;
    public event Action<string>? Removed;
    public event Action? Reconnecting;
    public event Func<Task>? Reconnected;

    /// <summary>The connection is gone for good: reconnecting failed, or it was stopped.</summary>
    public event Action<Exception?>? Closed;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            await _connection.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException e) when (e.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
        {
            throw new AgentFailure("The peer hub refused this account: only signed-in viewers may join a swarm.", e);
        }
        catch (Exception e) when (e is HttpRequestException or System.Net.WebSockets.WebSocketException)
        {
            throw new AgentFailure($"Can't connect to the peer hub at {PeerHubMethods.Path}: {e.Message}", e);
        }
    }

    public Task<RegisterResponse> RegisterAsync(RegisterRequest request, CancellationToken cancellationToken) =>
        CallAsync(() => _connection.InvokeAsync<RegisterResponse>(PeerHubMethods.Register, request, cancellationToken));

    public Task<SourcePlan> RequestSourcesAsync(long fromSequence, int count, CancellationToken cancellationToken) =>
        CallAsync(() => _connection.InvokeAsync<SourcePlan>(PeerHubMethods.RequestSources, new SourceRequest(fromSequence, count), cancellationToken));

    public Task ReportAsync(PeerReport report, CancellationToken cancellationToken) =>
        CallAsync(async () =>
        {
            await _connection.InvokeAsync(PeerHubMethods.Report, report, cancellationToken).ConfigureAwait(false);
            return true;
        });

    public async Task WithdrawAsync(CancellationToken cancellationToken)
    {
        if (_connection.State == HubConnectionState.Connected)
        {
            await _connection.InvokeAsync(PeerHubMethods.Withdraw, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Sends a signal to a group mate; the server drops it if the recipient has left the group meanwhile.</summary>
    public async Task SignalAsync(Guid to, string payload)
    {
        try
        {
            await _connection.SendAsync(PeerHubMethods.Signal, to, payload).ConfigureAwait(false);
        }
        catch (Exception e) when (e is InvalidOperationException or IOException or OperationCanceledException)
        {
            // The connection is closing; there is no one left to tell.
        }
    }

    public ValueTask DisposeAsync() => _connection.DisposeAsync();

    private static async Task<T> CallAsync<T>(Func<Task<T>> call)
    {
        try
        {
            return await call().ConfigureAwait(false);
        }
        catch (HubException e)
        {
            throw new AgentFailure(ServerMessage(e), e);
        }
    }

    /// <summary>The client wraps the server's message in its own words; keep only what the server said.</summary>
    private static string ServerMessage(HubException e)
    {
        const string marker = "HubException: ";
        var at = e.Message.IndexOf(marker, StringComparison.Ordinal);
        return at < 0 ? e.Message : e.Message[(at + marker.Length)..];
    }
}
