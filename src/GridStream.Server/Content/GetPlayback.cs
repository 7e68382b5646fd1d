using GridStream.Server.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace GridStream.Server.Content;

internal static class GetPlayback
{
    /// <summary>
    /// What a player needs to start: each rendition's media playlist URL, with the name the peer hub's Register takes.
    /// Playlists carry no video (the origin keeps them open too), so any viewer may read them for a published item;
    /// a priced item's segments still need a playback token. Lowest bandwidth first.
    /// </summary>
    public static async Task<Results<Ok<PlaybackInfo>, ProblemHttpResult>> HandleAsync(Guid id, GridStreamDbContext db, CancellationToken cancellationToken)
    {
        var item = await db.ContentItems.AsNoTracking()
            .SingleOrDefaultAsync(c => c.Id == id && c.DeletedAt == null && c.IsPublished, cancellationToken).ConfigureAwait(false);
        if (item is null)
        {
            return OwnedContentQuery.NotFound(id);
        }

        var renditions = await db.Renditions.AsNoTracking()
            .Where(r => r.ContentItemId == id)
            .OrderBy(r => r.Bandwidth).ThenBy(r => r.Name)
            .Select(r => new PlaybackRendition(r.Name, r.Bandwidth, r.Resolution, r.PlaylistUrl))
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(new PlaybackInfo(item.Id, item.Title, item.IsLive, renditions));
    }
}
