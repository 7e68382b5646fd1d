using GridStream.Domain.Swarms.Protocol;
using GridStream.Server.Data;
using Microsoft.EntityFrameworkCore;

namespace GridStream.Server.Peers;

/// <summary>A segment as the hub hands it out: where the CDN has it and the hash every copy must match.</summary>
internal sealed record ManifestEntry(long Sequence, int DurationMs, string Url, string Sha256Hex);

internal static class ManifestQuery
{
    public const int MaxSegmentsPerPlan = 30;

    /// <summary>How many segments behind the newest a live viewer starts, so the first fetches are already on the CDN.</summary>
    private const int LiveStartBehindEdge = 3;

    public static async Task<bool> IsWatchableAsync(GridStreamDbContext db, ContentRendition swarm, CancellationToken cancellationToken) =>
        await db.Renditions.AnyAsync(r => r.ContentItemId == swarm.ContentId && r.Name == swarm.Rendition
            && r.ContentItem!.IsPublished && r.ContentItem.DeletedAt == null, cancellationToken).ConfigureAwait(false);

    public static async Task<IReadOnlyList<ManifestEntry>> SegmentsAsync(
        GridStreamDbContext db, ContentRendition swarm, long fromSequence, int count, CancellationToken cancellationToken)
    {
        var take = Math.Clamp(count, 1, MaxSegmentsPerPlan);
        var rows = await db.ManifestSegments.AsNoTracking()
            .Where(s => db.Renditions.Any(r => r.Id == s.RenditionId && r.ContentItemId == swarm.ContentId && r.Name == swarm.Rendition)
                && s.Sequence >= fromSequence)
            .OrderBy(s => s.Sequence)
            .Take(take)
            .Select(s => new { s.Sequence, s.DurationMs, s.Url, s.Sha256 })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return rows.Select(s => new ManifestEntry(s.Sequence, s.DurationMs, s.Url, Convert.ToHexStringLower(s.Sha256))).ToList();
    }

    /// <summary>
    /// Where a newcomer starts (FIG. 2: pre-fetch of the initial segment): the beginning, or near a live edge; and the
    /// rendition's bitrate in kbit/s from its master playlist (0 when it declared none).
    /// </summary>
    public static async Task<(long Sequence, long StreamKbps)> StartAsync(GridStreamDbContext db, ContentRendition swarm, CancellationToken cancellationToken)
    {
        var rendition = await db.Renditions.AsNoTracking()
            .Where(r => r.ContentItemId == swarm.ContentId && r.Name == swarm.Rendition)
            .Select(r => new { r.Id, r.IsLive, r.HasEnded, r.Bandwidth })
            .SingleAsync(cancellationToken).ConfigureAwait(false);
        var streamKbps = rendition.Bandwidth / 1_000; // HLS BANDWIDTH is bits per second
        var segments = db.ManifestSegments.Where(s => s.RenditionId == rendition.Id);
        if (rendition.IsLive && !rendition.HasEnded)
        {
            var newest = await segments.MaxAsync(s => (long?)s.Sequence, cancellationToken).ConfigureAwait(false) ?? 0;
            return (Math.Max(0, newest - LiveStartBehindEdge + 1), streamKbps);
        }

        return (await segments.MinAsync(s => (long?)s.Sequence, cancellationToken).ConfigureAwait(false) ?? 0, streamKbps);
    }
}
