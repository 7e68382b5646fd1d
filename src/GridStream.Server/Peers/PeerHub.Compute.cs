using GridStream.Domain.Compute.Protocol;
using GridStream.Server.Compute;
using Microsoft.AspNetCore.SignalR;

namespace GridStream.Server.Peers;

/// <summary>The compute half of the peer protocol (DESIGN §4, §6): leases only for registered, watching peers with compute on.</summary>
internal sealed partial class PeerHub
{
    public Task SetCompute(ComputeSwitch change, WorkNotifier work) =>
        GuardedCompute(async () =>
        {
            var session = registry.Session(CurrentPeer()) ?? throw new PeerProtocolException("Register first.");
            session.ComputeEnabled = change.Enabled;
            await (change.Enabled ? work.JoinAsync(Context.ConnectionId) : work.LeaveAsync(Context.ConnectionId)).ConfigureAwait(false);
            return true;
        });

    public Task<WorkBatch> RequestWork(WorkRequest request, LeaseWork leases) =>
        GuardedCompute(() => leases.LeaseAsync(ComputingPeer(), request.Slots, Context.ConnectionAborted));

    public Task<ResultsReceipt> SubmitResults(IReadOnlyList<WorkResult> results, RecordResults recorder) =>
        GuardedCompute(() => recorder.RecordAsync(ComputingPeer(), results, Context.ConnectionAborted));

    private ComputePeer ComputingPeer()
    {
        var session = registry.Session(CurrentPeer()) ?? throw new PeerProtocolException("Register first.");
        if (!session.ComputeEnabled)
        {
            throw new ComputeProtocolException("Compute is switched off for this connection: call SetCompute first.");
        }

        return new ComputePeer(session.PeerId, session.AccountId, session.Profile.Subnet);
    }

    private static async Task<T> GuardedCompute<T>(Func<Task<T>> call)
    {
        try
        {
            return await call().ConfigureAwait(false);
        }
        catch (Exception e) when (e is ComputeProtocolException or PeerProtocolException)
        {
            throw new HubException(e.Message);
        }
    }
}
