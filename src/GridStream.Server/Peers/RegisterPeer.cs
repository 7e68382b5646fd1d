using System.Net;
using GridStream.Domain.Swarms.Protocol;
using GridStream.Server.Data;

namespace GridStream.Server.Peers;

/// <summary>FIG. 11: profile the client, add it to the network graph and to the groups of what it watches and holds.</summary>
internal static class RegisterPeer
{
    public const int MaxHeldItems = 50;

    public static async Task<(RegisterResponse Response, IReadOnlyList<GroupNotice> Notices)> HandleAsync(
        RegisterRequest? request, string connectionId, Guid accountId, IPAddress? seenAddress,
        SwarmRegistry registry, NetworkProfiles profiles, GridStreamDbContext db, CancellationToken cancellationToken)
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
        foreach (var swarm in holding.Prepend(request.Watching).Distinct())
        {
            if (!await ManifestQuery.IsWatchableAsync(db, swarm, cancellationToken).ConfigureAwait(false))
            {
                throw new PeerProtocolException($"There is no published content {swarm.ContentId} with a rendition '{swarm.Rendition}'.");
            }
        }

        var session = new PeerSession(Guid.NewGuid(), connectionId, accountId, profile, request.Watching, holding, request.ComputeEnabled);
        var (group, notices) = registry.Register(session);
        var start = await ManifestQuery.StartSequenceAsync(db, request.Watching, cancellationToken).ConfigureAwait(false);
        var segments = await ManifestQuery.SegmentsAsync(db, request.Watching, start, count: 1, cancellationToken).ConfigureAwait(false);
        return (new RegisterResponse(session.PeerId, group, registry.PlanSources(session.PeerId, segments)), notices);
    }
}
