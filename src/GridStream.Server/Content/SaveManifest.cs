using GridStream.Server.Data;
using Microsoft.EntityFrameworkCore;

namespace GridStream.Server.Content;

/// <summary>Writes what <see cref="ReadManifest"/> found, all or nothing.</summary>
internal static class SaveManifest
{
    public static async Task SaveAsync(
        GridStreamDbContext db, Guid contentItemId, string urlRead, ManifestReading reading, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        // Two reads of one item (registered, then quickly changed) must not interleave their writes.
        await db.Database.ExecuteSqlAsync(
            $"SELECT pg_advisory_xact_lock({AdvisoryLockKeys.For(AdvisoryLockKeys.ManifestSave, contentItemId)})", cancellationToken).ConfigureAwait(false);

        var item = await db.ContentItems.SingleOrDefaultAsync(c => c.Id == contentItemId, cancellationToken).ConfigureAwait(false);
        if (item is null || item.DeletedAt is not null || item.MasterPlaylistUrl != urlRead)
        {
            return; // Withdrawn, or the owner changed the URL meanwhile: the read queued for the new URL decides.
        }

        var existing = await db.Renditions.Where(r => r.ContentItemId == contentItemId).ToListAsync(cancellationToken).ConfigureAwait(false);
        var kept = reading.Renditions.Select(r => r.Name).ToHashSet(StringComparer.Ordinal);
        // A failed read removes the old renditions too: peers must not be handed hashes for a stream the item no longer names.
        db.Renditions.RemoveRange(existing.Where(r => !kept.Contains(r.Name)));
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);

        foreach (var read in reading.Renditions)
        {
            var rendition = existing.SingleOrDefault(r => r.Name == read.Name);
            await SaveRenditionAsync(db, contentItemId, rendition, read, now, cancellationToken).ConfigureAwait(false);
        }

        item.ManifestState = reading.Error is null ? ManifestState.Ready : ManifestState.Failed;
        item.ManifestError = reading.Error;
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    private static async Task SaveRenditionAsync(
        GridStreamDbContext db, Guid contentItemId, Rendition? rendition, RenditionReading read, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var playlistUrl = read.Playlist.Uri.AbsoluteUri;
        if (rendition is null)
        {
            rendition = new Rendition { Id = Guid.CreateVersion7(), ContentItemId = contentItemId, Name = read.Name, PlaylistUrl = playlistUrl };
            db.Renditions.Add(rendition);
        }
        else if (rendition.PlaylistUrl != playlistUrl)
        {
            // Same name, different stream: its old segments describe something else.
            await db.ManifestSegments.Where(s => s.RenditionId == rendition.Id).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
            rendition.PlaylistUrl = playlistUrl;
        }

        rendition.Bandwidth = read.Variant?.Bandwidth ?? 0;
        rendition.Resolution = read.Variant?.Resolution?.ToString();
        rendition.Codecs = read.Variant?.Codecs is { } codecs && codecs.Length > 200 ? codecs[..200] : read.Variant?.Codecs;
        rendition.TargetDurationMs = read.Playlist.TargetDurationSeconds * 1_000;
        rendition.IsLive = read.Playlist.IsLive || (rendition.IsLive && read.Playlist.HasEndList);
        rendition.HasEnded = rendition.IsLive && read.Playlist.HasEndList;
        rendition.LastReadAt = now;
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);

        await SegmentRows.UpsertAsync(db, rendition.Id, read.Segments, now, cancellationToken).ConfigureAwait(false);
        if (!rendition.IsLive)
        {
            // A finished playlist is complete, so anything else stored for it is stale. A live one lists only a
            // window: older segments stay, they are the stream's history.
            var listed = read.Segments.Select(s => s.Sequence).ToList();
            await db.ManifestSegments.Where(s => s.RenditionId == rendition.Id && !listed.Contains(s.Sequence))
                .ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}
