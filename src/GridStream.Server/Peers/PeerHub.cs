using GridStream.Domain.Accounts;
using GridStream.Domain.Swarms.Protocol;
using GridStream.Server.Accounts;
using GridStream.Server.Compute;
using GridStream.Server.Data;
using GridStream.Server.Licensing;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;

namespace GridStream.Server.Peers;

/// <summary>
/// The peer protocol over SignalR (DESIGN §4). Each method hands over to its use case; protocol errors go back to
/// the caller as a HubException with a readable message. Disconnecting counts as withdrawing (FIG. 12).
/// </summary>
[Authorize(Roles = Roles.Viewer)]
internal sealed partial class PeerHub(
    SwarmRegistry registry, NetworkProfiles profiles, RegistrationCache startingPoints, GridStreamDbContext db, GroupNotifier notifier,
    WorkNotifier work, ReapExpiredLeases leases, PlaybackGate gate) : Hub
{
    public async Task<RegisterResponse> Register(RegisterRequest request)
    {
        var (response, notices) = await Guarded(() => RegisterPeer.HandleAsync(request, Context.ConnectionId, Context.User!.UserId(),
            Context.GetHttpContext()?.Connection.RemoteIpAddress, registry, profiles, startingPoints, gate, db, Context.ConnectionAborted));
        await notifier.SendAsync(notices);
        if (request.ComputeEnabled)
        {
            await work.JoinAsync(Context.ConnectionId);
        }

        return response;
    }

    public Task<SourcePlan> RequestSources(SourceRequest request) =>
        Guarded(() => Peers.RequestSources.HandleAsync(request, CurrentPeer(), registry, db, Context.ConnectionAborted));

    public async Task Report(PeerReport report)
    {
        var outcome = await Guarded(() => Task.FromResult(SubmitReport.Handle(report, CurrentPeer(), registry)));
        await notifier.SendRemovedAsync(outcome.RemovedConnections);
        await notifier.SendAsync(outcome.Notices);
    }

    public Task Signal(Guid to, string payload) =>
        Guarded(() => RelaySignal.HandleAsync(to, payload, CurrentPeer(), registry, notifier));

    public async Task Withdraw()
    {
        if (registry.PeerOf(Context.ConnectionId) is { } peer)
        {
            await notifier.SendAsync(registry.Withdraw(peer));
        }
    }

    public override async Task OnDisconnectedAsync(Exception? exception)
    {
        var computing = registry.PeerOf(Context.ConnectionId) is { } peer && registry.Session(peer) is { ComputeEnabled: true } ? peer : (Guid?)null;
        await Withdraw();
        if (computing is { } gone)
        {
            // Its results will never come: reissue its units now rather than at their deadlines.
            await leases.ReleasePeerAsync(gone, CancellationToken.None);
        }

        await base.OnDisconnectedAsync(exception);
    }

    private Guid CurrentPeer() =>
        registry.PeerOf(Context.ConnectionId) ?? throw new PeerProtocolException("Register first.");

    private static async Task<T> Guarded<T>(Func<Task<T>> call)
    {
        try
        {
            return await call();
        }
        catch (PeerProtocolException e)
        {
            throw new HubException(e.Message);
        }
    }

    private static async Task Guarded(Func<Task> call)
    {
        try
        {
            await call();
        }
        catch (PeerProtocolException e)
        {
            throw new HubException(e.Message);
        }
    }
}
