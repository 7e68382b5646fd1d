using System.Collections.Concurrent;
using System.Net.Http.Json;
using GridStream.Domain.Swarms.Protocol;
using Microsoft.AspNetCore.SignalR.Client;

namespace GridStream.Server.Tests.Infrastructure;

/// <summary>A viewer connected to the real peer hub over a real WebSocket, recording what the server pushes.</summary>
internal sealed class PeerClient : IAsyncDisposable
{
    private PeerClient(HubConnection connection) => Connection = connection;

    public HubConnection Connection { get; }
    public ConcurrentQueue<GroupView> GroupChanges { get; } = new();
    public ConcurrentQueue<SignalMessage> Signals { get; } = new();
    public TaskCompletionSource<string> RemovedBecause { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    public RegisterResponse? Registration { get; private set; }
    public Guid PeerId => Registration?.PeerId ?? throw new InvalidOperationException("Not registered.");

    public static async Task<PeerClient> ConnectAsync(GridStreamFactory server) => await ConnectAsync(server, await ViewerTokenAsync(server));

    /// <summary>Connects as the viewer whose bearer token this is.</summary>
    public static async Task<PeerClient> ConnectAsync(GridStreamFactory server, string token)
    {
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(server.Address, PeerHubMethods.Path), options => options.AccessTokenProvider = () => Task.FromResult<string?>(token))
            .Build();
        var client = new PeerClient(connection);
        connection.On<GroupView>(PeerHubMethods.GroupChanged, view => client.GroupChanges.Enqueue(view));
        connection.On<SignalMessage>(PeerHubMethods.SignalReceived, signal => client.Signals.Enqueue(signal));
        connection.On<string>(PeerHubMethods.Removed, reason => client.RemovedBecause.TrySetResult(reason));
        await connection.StartAsync();
        return client;
    }

    public async Task<RegisterResponse> RegisterAsync(
        Guid content, string address, string rendition = "360p", IReadOnlyList<ContentRendition>? holding = null, long upKbps = 8_000,
        string? playbackToken = null, IReadOnlyList<string>? serves = null, IReadOnlyList<string>? fetches = null)
    {
        Registration = await Connection.InvokeAsync<RegisterResponse>(PeerHubMethods.Register, new RegisterRequest(
            new ContentRendition(content, rendition),
            new DeclaredNetwork(CdnEdge: "edge-test", TraceRoute: ["home", "isp", "edge-test"], DownKbps: 20_000, UpKbps: upKbps, DeclaredAddress: address),
            holding, PlaybackToken: playbackToken, Serves: serves, Fetches: fetches));
        return Registration;
    }

    /// <summary>The latest group view the server pushed for this content, waiting briefly for it to arrive.</summary>
    public async Task<GroupView> LatestGroupAsync(Func<GroupView, bool> until)
    {
        for (var i = 0; i < 100; i++)
        {
            var latest = GroupChanges.LastOrDefault();
            if (latest is not null && until(latest))
            {
                return latest;
            }

            await Task.Delay(50);
        }

        throw new Xunit.Sdk.XunitException($"No matching group change arrived; last: {GroupChanges.LastOrDefault()}");
    }

    public async ValueTask DisposeAsync() => await Connection.DisposeAsync();

    private static async Task<string> ViewerTokenAsync(GridStreamFactory server)
    {
        using var viewer = await server.SignedUpAsync("viewer");
        return viewer.DefaultRequestHeaders.Authorization!.Parameter!;
    }
}
