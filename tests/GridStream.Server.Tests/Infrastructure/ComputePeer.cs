using System.Collections.Concurrent;
using GridStream.Domain.Compute.Protocol;
using Microsoft.AspNetCore.SignalR.Client;

namespace GridStream.Server.Tests.Infrastructure;

/// <summary>A viewer with compute switched on, over the real hub: each one is its own account.</summary>
internal sealed class ComputePeer : IAsyncDisposable
{
    private ComputePeer(PeerClient client) => Client = client;

    public PeerClient Client { get; }
    public ConcurrentQueue<DateTimeOffset> WorkAnnouncements { get; } = new();

    /// <summary>Connects a new viewer account, registers it on <paramref name="content"/> from <paramref name="address"/>, switches compute on.</summary>
    public static async Task<ComputePeer> StartAsync(GridStreamFactory server, Guid content, string address) =>
        await StartAsync(await PeerClient.ConnectAsync(server), content, address);

    /// <summary>The same for the viewer whose bearer token this is (to look at its wallet, say).</summary>
    public static async Task<ComputePeer> StartAsync(GridStreamFactory server, Guid content, string address, string token) =>
        await StartAsync(await PeerClient.ConnectAsync(server, token), content, address);

    private static async Task<ComputePeer> StartAsync(PeerClient client, Guid content, string address)
    {
        var peer = new ComputePeer(client);
        client.Connection.On(WorkHubMethods.WorkAvailable, () => peer.WorkAnnouncements.Enqueue(DateTimeOffset.UtcNow));
        await client.RegisterAsync(content, address);
        await client.Connection.InvokeAsync(WorkHubMethods.SetCompute, new ComputeSwitch(true));
        return peer;
    }

    public Task<WorkBatch> LeaseAsync(int slots = 50) =>
        Client.Connection.InvokeAsync<WorkBatch>(WorkHubMethods.RequestWork, new WorkRequest(slots));

    public Task<ResultsReceipt> SubmitAsync(params WorkResult[] results) =>
        Client.Connection.InvokeAsync<ResultsReceipt>(WorkHubMethods.SubmitResults, results);

    /// <summary>Leases and answers with <paramref name="answer"/> until a lease round brings nothing; returns how many it answered.</summary>
    public async Task<int> WorkUntilIdleAsync(Func<WorkLease, string> answer, int slots = 50)
    {
        var done = 0;
        while (true)
        {
            var batch = await LeaseAsync(slots);
            if (batch.Leases.Count == 0)
            {
                return done;
            }

            var receipt = await SubmitAsync([.. batch.Leases.Select(lease => new WorkResult(lease.LeaseId, answer(lease), null, 1))]);
            Assert.Empty(receipt.Refused);
            done += receipt.Recorded;
        }
    }

    public async ValueTask DisposeAsync() => await Client.DisposeAsync();
}
