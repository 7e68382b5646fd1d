using GridStream.Domain.Content;
using GridStream.Server.Data;
using Microsoft.EntityFrameworkCore;

namespace GridStream.Server.Content;

/// <summary>
/// The background job that reads a content item's playlists into renditions and segment manifests, queued when an
/// owner registers an item or changes its playlist URL. Everything is read and hashed first and written in one
/// transaction at the end, so a failure leaves nothing half-written.
/// </summary>
internal sealed class ReadManifest(
    GridStreamDbContext db, OriginClient origin, SegmentHashing hashing, TimeProvider clock, ILogger<ReadManifest> logger)
{
    public async Task RunAsync(Guid contentItemId, CancellationToken cancellationToken)
    {
        var url = await db.ContentItems.AsNoTracking()
            .Where(c => c.Id == contentItemId && c.DeletedAt == null)
            .Select(c => c.MasterPlaylistUrl)
            .SingleOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        if (url is null)
        {
            return;
        }

        ManifestReading reading;
        try
        {
            reading = ManifestReading.Read(await ReadRenditionsAsync(new Uri(url), cancellationToken).ConfigureAwait(false));
        }
        catch (Exception problem) when (problem is OriginException or FormatException)
        {
            reading = ManifestReading.Failed(Describe(problem));
            logger.LogInformation("The playlists of content {ContentItemId} could not be read: {Reason}", contentItemId, reading.Error);
        }

        await SaveManifest.SaveAsync(db, contentItemId, url, reading, clock.GetUtcNow(), cancellationToken).ConfigureAwait(false);
    }

    private async Task<IReadOnlyList<RenditionReading>> ReadRenditionsAsync(Uri url, CancellationToken cancellationToken)
    {
        var playlist = await ReadPlaylistAsync(url, cancellationToken).ConfigureAwait(false);
        if (playlist is HlsMediaPlaylist media)
        {
            return [await HashAsync(RenditionNames.OnlyRendition, null, media, cancellationToken).ConfigureAwait(false)];
        }

        var master = (HlsMasterPlaylist)playlist;
        if (master.Variants.Count == 0)
        {
            throw new OriginException($"{url} lists no renditions");
        }

        var names = RenditionNames.For(master.Variants);
        var renditions = new List<RenditionReading>(master.Variants.Count);
        for (var index = 0; index < master.Variants.Count; index++)
        {
            var variant = master.Variants[index];
            if (await ReadPlaylistAsync(variant.Uri, cancellationToken).ConfigureAwait(false) is not HlsMediaPlaylist variantPlaylist)
            {
                throw new OriginException($"{variant.Uri}, a rendition of {url}, is a master playlist, not a media playlist");
            }

            renditions.Add(await HashAsync(names[index], variant, variantPlaylist, cancellationToken).ConfigureAwait(false));
        }

        return renditions;
    }

    private Task<HlsPlaylist> ReadPlaylistAsync(Uri url, CancellationToken cancellationToken) =>
        PlaylistFetch.ReadAsync(origin, url, cancellationToken);

    private async Task<RenditionReading> HashAsync(string name, HlsVariant? variant, HlsMediaPlaylist playlist, CancellationToken cancellationToken)
    {
        var segments = await hashing.HashAsync(playlist, playlist.Segments, cancellationToken).ConfigureAwait(false);
        return new RenditionReading(name, variant, playlist, segments);
    }

    private static string Describe(Exception problem)
    {
        var message = problem.Message;
        const int MaxLength = 1_000;
        return message.Length <= MaxLength ? message : string.Concat(message.AsSpan(0, MaxLength - 1), "…");
    }
}

/// <summary>A rendition as read from the origin, with its segments hashed.</summary>
internal sealed record RenditionReading(string Name, HlsVariant? Variant, HlsMediaPlaylist Playlist, IReadOnlyList<HashedSegment> Segments);

/// <summary>The outcome of reading an item's playlists: the renditions, or why there are none.</summary>
internal sealed record ManifestReading(IReadOnlyList<RenditionReading> Renditions, string? Error)
{
    public static ManifestReading Read(IReadOnlyList<RenditionReading> renditions) => new(renditions, null);

    public static ManifestReading Failed(string error) => new([], error);
}
