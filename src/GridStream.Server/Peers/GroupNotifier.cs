using GridStream.Domain.Swarms.Protocol;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;

namespace GridStream.Server.Peers;

/// <summary>Pushes server → client messages: group changes, relayed signals, removal.</summary>
internal sealed class GroupNotifier(IHubContext<PeerHub> hub, IOptions<SwarmOptions> options)
{
    public int MaxSignalPayloadChars => options.Value.MaxSignalPayloadChars;

    public Task SendAsync(IReadOnlyList<GroupNotice> notices) =>
        Task.WhenAll(notices.Select(notice => hub.Clients.Client(notice.ConnectionId).SendAsync(PeerHubMethods.GroupChanged, notice.View)));

    public Task SendSignalAsync(string connectionId, Guid from, string payload) =>
        hub.Clients.Client(connectionId).SendAsync(PeerHubMethods.SignalReceived, new SignalMessage(from, payload));

    public Task SendRemovedAsync(IReadOnlyList<string> connectionIds) =>
        Task.WhenAll(connectionIds.Select(id => hub.Clients.Client(id).SendAsync(PeerHubMethods.Removed, "You served segments that failed their hash check.")));
}
