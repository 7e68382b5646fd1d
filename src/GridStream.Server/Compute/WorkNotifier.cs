using GridStream.Domain.Compute.Protocol;
using GridStream.Server.Peers;
using Microsoft.AspNetCore.SignalR;

namespace GridStream.Server.Compute;

/// <summary>
/// Tells compute-enabled peers that there is work (a new job, reissued units), so idle peers need not poll often.
/// Pushes are coalesced: a burst of reviews becomes one message at most every quarter second.
/// </summary>
internal sealed class WorkNotifier(IHubContext<PeerHub> hub)
{
    public const string ComputeGroup = "compute";
    private static readonly TimeSpan MinimumGap = TimeSpan.FromMilliseconds(250);
    private long _lastSentTicks;

    public Task AnnounceAsync()
    {
        var now = Environment.TickCount64;
        var last = Interlocked.Read(ref _lastSentTicks);
        if (now - last < MinimumGap.TotalMilliseconds || Interlocked.CompareExchange(ref _lastSentTicks, now, last) != last)
        {
            return Task.CompletedTask;
        }

        return hub.Clients.Group(ComputeGroup).SendAsync(WorkHubMethods.WorkAvailable);
    }

    public Task JoinAsync(string connectionId) => hub.Groups.AddToGroupAsync(connectionId, ComputeGroup);

    public Task LeaveAsync(string connectionId) => hub.Groups.RemoveFromGroupAsync(connectionId, ComputeGroup);
}
