using System.Net;
using GridStream.Domain.Swarms.Protocol;

namespace GridStream.Server.Peers;

/// <summary>FIG. 11: profile the client, add it to the network graph and to the groups of what it watches and holds.</summary>
internal static class RegisterPeer
{
    public const int MaxHeldItems = 50;

    public static async Task<(RegisterResponse Response, IReadOnlyList<GroupNotice> Notices)> HandleAsync(
        RegisterRequest? request, string connectionId, Guid accountId, IPAddress? seenAddress,
        SwarmRegistry registry, NetworkProfiles profiles, RegistrationCache startingPoints, CancellationToken cancellationToken)
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

        var profile = profiles.From(request.Network, seenAddress);
        StartingPoint? start = null;
        foreach (var swarm in holding.Prepend(request.Watching).Distinct())
        {
            var point = await startingPoints.StartingPointAsync(swarm, cancellationToken).ConfigureAwait(false)
                ?? throw new PeerProtocolException($"There is no published content {swarm.ContentId} with a rendition '{swarm.Rendition}'.");
            start ??= point;
        }

        var session = new PeerSession(Guid.NewGuid(), connectionId, accountId, profile, request.Watching, holding, request.ComputeEnabled);
        var (group, notices) = registry.Register(session, start!.StreamKbps);
        var segments = start!.FirstSegments;
        return (new RegisterResponse(session.PeerId, group, registry.PlanSources(session.PeerId, segments)), notices);
    }
}
