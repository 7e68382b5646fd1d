using System.Security.Cryptography;
using System.Text;
using GridStream.Server.Data;
using Microsoft.Extensions.DependencyInjection;

namespace GridStream.Server.Tests.Infrastructure;

/// <summary>One segment row as a test wants it in the manifest.</summary>
internal sealed record TestSegment(long Sequence, int DurationMs, string Url, byte[] Sha256);

/// <summary>
/// Puts a published item with one rendition and its segment manifest straight into the database, as the manifest
/// reader leaves it, so the hub tests don't depend on an origin being reachable.
/// </summary>
internal static class DemoManifest
{
    public static string HashOf(long sequence) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"segment {sequence}")));

    /// <summary>Segments that exist nowhere, with made-up hashes: enough for grouping and planning.</summary>
    public static Task<Guid> CreateAsync(GridStreamFactory server, int segments = 20, bool live = false, bool published = true, string rendition = "360p") =>
        InsertAsync(server, "http://127.0.0.1:9/", rendition, 2_000, live, published,
            Enumerable.Range(0, segments).Select(i => new TestSegment(i, 2_000, $"http://127.0.0.1:9/seg{i}.ts", Convert.FromHexString(HashOf(i)))));

    public static async Task<Guid> InsertAsync(
        GridStreamFactory server, string baseUrl, string rendition, int targetDurationMs, bool live, bool published, IEnumerable<TestSegment> segments)
    {
        await using var scope = server.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GridStreamDbContext>();
        var now = DateTimeOffset.UtcNow;
        var content = new ContentItem
        {
            Id = Guid.NewGuid(),
            OwnerId = db.Users.First().Id,
            Title = "Test content " + Guid.NewGuid(),
            MasterPlaylistUrl = baseUrl + "master.m3u8",
            IsLive = live,
            IsPublished = published,
            ManifestState = ManifestState.Ready,
            CreatedAt = now,
            UpdatedAt = now,
        };
        var renditionRow = new Rendition
        {
            Id = Guid.NewGuid(),
            ContentItemId = content.Id,
            Name = rendition,
            Bandwidth = 700_000,
            PlaylistUrl = baseUrl + rendition + ".m3u8",
            TargetDurationMs = targetDurationMs,
            IsLive = live,
        };
        db.ContentItems.Add(content);
        db.Renditions.Add(renditionRow);
        db.ManifestSegments.AddRange(segments.Select(segment => new ManifestSegment
        {
            RenditionId = renditionRow.Id,
            Sequence = segment.Sequence,
            DurationMs = segment.DurationMs,
            Url = segment.Url,
            Sha256 = segment.Sha256,
            AddedAt = now,
        }));
        await db.SaveChangesAsync();
        return content.Id;
    }
}
