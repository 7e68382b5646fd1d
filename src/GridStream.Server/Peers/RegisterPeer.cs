using System.Net;
using GridStream.Domain.Swarms;
using GridStream.Domain.Swarms.Protocol;
using GridStream.Server.Data;
using GridStream.Server.Licensing;

namespace GridStream.Server.Peers;

/// <summary>FIG. 11: profile the client, add it to the network graph and to the groups of what it watches and holds.</summary>
internal static class RegisterPeer
{
    public const int MaxHeldItems = 50;

    public static async Task<(RegisterResponse Response, IReadOnlyList<GroupNotice> Notices)> HandleAsync(
        RegisterRequest? request, string connectionId, Guid accountId, IPAddress? seenAddress,
        SwarmRegistry registry, NetworkProfiles profiles, RegistrationCache startingPoints, PlaybackGate gate, GridStreamDbContext db,
        CancellationToken cancellationToken)
    {
        if (request?.Watching is null)
        {
            throw new PeerProtocolException("Say which content and rendition you are watching.");
        }

        var holding = (request.Holding ?? []).Where(item => item is not null).Distinct().ToList();
        if (holding.Count > MaxHeldItems)
        {
            throw new PeerProtocolException($"List at most {MaxHeldItems} held items.");
        }

        var (transports, transportError) = TransportNames.Parse(request.Serves, request.Fetches);
        if (transportError is not null)
        {
            throw new PeerProtocolException(transportError);
        }

        var profile = profiles.From(request.Network, seenAddress);
        StartingPoint? start = null;
        foreach (var swarm in holding.Prepend(request.Watching).Distinct())
        {
            var point = await startingPoints.StartingPointAsync(swarm, cancellationToken).ConfigureAwait(false)
                ?? throw new PeerProtocolException($"There is no published content {swarm.ContentId} with a rendition '{swarm.Rendition}'.");
            start ??= point;
        }

        await CheckPlaybackTokenAsync(request, start!, accountId, gate, cancellationToken).ConfigureAwait(false);
        var session = new PeerSession(Guid.NewGuid(), connectionId, accountId, profile, request.Watching, holding, request.ComputeEnabled, transports);
        var (group, notices) = registry.Register(session, start!.StreamKbps);
        var segments = start!.FirstSegments;
        return (new RegisterResponse(session.PeerId, group, registry.PlanSources(session.PeerId, segments)), notices);
    }

    /// <summary>
    /// Watching priced content takes a playback token, issued to this very account: a swarm hands out segment sources,
    /// which would otherwise be a way around the license. Holding needs none: offering segments to licensed peers takes nothing from the owner.
    /// </summary>
    private static async Task CheckPlaybackTokenAsync(
        RegisterRequest request, StartingPoint watched, Guid accountId, PlaybackGate gate, CancellationToken cancellationToken)
    {
        if (watched.PriceMicroCredits == 0)
        {
            return;
        }

        var contentId = request.Watching.ContentId;
        var check = await gate.CheckAsync(request.PlaybackToken, contentId, cancellationToken).ConfigureAwait(false);
        if (!check.IsValid)
        {
            throw new PeerProtocolException(check.Explanation.Replace("{id}", contentId.ToString(), StringComparison.Ordinal));
        }

        if (check.Claims!.ViewerId != accountId)
        {
            throw new PeerProtocolException("The playback token was issued to another account.");
        }
    }
}
