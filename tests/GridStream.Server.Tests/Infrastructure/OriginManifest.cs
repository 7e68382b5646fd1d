using GridStream.Server.Data;
using Microsoft.Extensions.DependencyInjection;

namespace GridStream.Server.Tests.Infrastructure;

/// <summary>
/// A published item whose segment manifest points at a running <see cref="SegmentOrigin"/> with the segments' real
/// SHA-256, as the manifest reader would leave it: what agents need to watch for real.
/// </summary>
internal static class OriginManifest
{
    public const string Rendition = "360p";

    public static async Task<Guid> CreateAsync(GridStreamFactory server, SegmentOrigin origin, int segmentDurationMs)
    {
        await using var scope = server.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GridStreamDbContext>();
        var owner = db.Users.First();
        var content = new ContentItem
        {
            Id = Guid.NewGuid(),
            OwnerId = owner.Id,
            Title = "Agent test " + Guid.NewGuid(),
            MasterPlaylistUrl = new Uri(origin.Address, "master.m3u8").ToString(),
            IsLive = false,
            IsPublished = true,
            ManifestState = ManifestState.Ready,
            CreatedAt = DateTimeOffset.UtcNow,
            UpdatedAt = DateTimeOffset.UtcNow,
        };
        var rendition = new Rendition
        {
            Id = Guid.NewGuid(),
            ContentItemId = content.Id,
            Name = Rendition,
            Bandwidth = 700_000,
            PlaylistUrl = new Uri(origin.Address, "360p.m3u8").ToString(),
            TargetDurationMs = segmentDurationMs,
            IsLive = false,
        };
        db.ContentItems.Add(content);
        db.Renditions.Add(rendition);
        db.ManifestSegments.AddRange(origin.Segments.Select((bytes, sequence) => new ManifestSegment
        {
            RenditionId = rendition.Id,
            Sequence = sequence,
            DurationMs = segmentDurationMs,
            Url = origin.UrlOf(sequence).ToString(),
            Sha256 = Convert.FromHexString(SegmentOrigin.Sha256Of(bytes)),
            AddedAt = DateTimeOffset.UtcNow,
        }));
        await db.SaveChangesAsync();
        return content.Id;
    }
}
