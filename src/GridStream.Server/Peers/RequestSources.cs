using GridStream.Domain.Swarms.Protocol;
using GridStream.Server.Data;

namespace GridStream.Server.Peers;

/// <summary>FIG. 13: the next segments' hashes, designated CDN fetchers and ranked peer sources.</summary>
internal static class RequestSources
{
    public static async Task<SourcePlan> HandleAsync(
        SourceRequest? request, Guid peer, SwarmRegistry registry, GridStreamDbContext db, CancellationToken cancellationToken)
    {
        if (request is null || request.FromSequence < 0 || request.Count < 1 || request.Count > ManifestQuery.MaxSegmentsPerPlan)
        {
            throw new PeerProtocolException($"Ask for 1 to {ManifestQuery.MaxSegmentsPerPlan} segments from a sequence number ≥ 0.");
        }

        var session = registry.Session(peer) ?? throw new PeerProtocolException("Register before asking for sources.");
        var segments = await ManifestQuery.SegmentsAsync(db, session.Watching, request.FromSequence, request.Count, cancellationToken)
            .ConfigureAwait(false);
        return registry.PlanSources(peer, segments);
    }
}
