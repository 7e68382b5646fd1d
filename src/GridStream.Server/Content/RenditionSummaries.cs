using GridStream.Server.Data;
using Microsoft.EntityFrameworkCore;

namespace GridStream.Server.Content;

internal static class RenditionSummaries
{
    /// <summary>The renditions of several items in one query, by item; items without renditions are absent.</summary>
    public static async Task<Dictionary<Guid, List<RenditionSummary>>> LoadAsync(
        GridStreamDbContext db, IReadOnlyCollection<Guid> contentItemIds, CancellationToken cancellationToken)
    {
        var rows = await db.Renditions.AsNoTracking()
            .Where(r => contentItemIds.Contains(r.ContentItemId))
            .OrderBy(r => r.Bandwidth).ThenBy(r => r.Name)
            .Select(r => new
            {
                r.ContentItemId,
                Summary = new RenditionSummary(
                    r.Name, r.Bandwidth, r.Resolution, r.IsLive, r.HasEnded, db.ManifestSegments.Count(s => s.RenditionId == r.Id)),
            })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return rows.GroupBy(row => row.ContentItemId).ToDictionary(group => group.Key, group => group.Select(row => row.Summary).ToList());
    }

    public static async Task<OwnedContent> OwnedViewAsync(GridStreamDbContext db, ContentItem item, CancellationToken cancellationToken)
    {
        var renditions = await LoadAsync(db, [item.Id], cancellationToken).ConfigureAwait(false);
        return OwnedContent.From(item, renditions.GetValueOrDefault(item.Id) ?? []);
    }
}
