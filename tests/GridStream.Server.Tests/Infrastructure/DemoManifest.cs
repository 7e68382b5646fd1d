using System.Security.Cryptography;
using System.Text;
using GridStream.Server.Data;
using Microsoft.Extensions.DependencyInjection;

namespace GridStream.Server.Tests.Infrastructure;

/// <summary>
/// Puts a published item with one rendition and its segment manifest straight into the database, as the manifest
/// reader leaves it, so the hub tests don't depend on an origin being reachable.
/// </summary>
internal static class DemoManifest
{
    public static string HashOf(long sequence) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"segment {sequence}")));

    public static async Task<Guid> CreateAsync(GridStreamFactory server, int segments = 20, bool live = false, bool published = true, string rendition = "360p")
    {
        await using var scope = server.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GridStreamDbContext>();
        var owner = db.Users.First();
        var content = new ContentItem
        {
            Id = Guid.NewGuid(),
            OwnerId = owner.Id,
            Title = "Hub test " + Guid.NewGuid(),
            MasterPlaylistUrl = "http://127.0.0.1:9/master.m3u8",
            IsLive = live,
            IsPublished = published,
            ManifestState = ManifestState.Ready,
            CreatedAt = DateTimeOffset.UtcNow,
            UpdatedAt = DateTimeOffset.UtcNow,
        };
        var renditionRow = new Rendition
        {
            Id = Guid.NewGuid(),
            ContentItemId = content.Id,
            Name = rendition,
            Bandwidth = 700_000,
            PlaylistUrl = "http://127.0.0.1:9/360p.m3u8",
            TargetDurationMs = 2_000,
            IsLive = live,
        };
        db.ContentItems.Add(content);
        db.Renditions.Add(renditionRow);
        db.ManifestSegments.AddRange(Enumerable.Range(0, segments).Select(i => new ManifestSegment
        {
            RenditionId = renditionRow.Id,
            Sequence = i,
            DurationMs = 2_000,
            Url = $"http://127.0.0.1:9/seg{i}.ts",
            Sha256 = Convert.FromHexString(HashOf(i)),
            AddedAt = DateTimeOffset.UtcNow,
        }));
        await db.SaveChangesAsync();
        return content.Id;
    }
}
