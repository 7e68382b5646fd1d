using System.Text.Json.Serialization;
using GridStream.Server.Data;

namespace GridStream.Server.Content;

/// <summary>What an owner sends to register or change a content item. Prices are integer micro-credits.</summary>
/// <param name="LicenseDays">How long a bought license lasts; null or omitted = forever.</param>
public sealed record ContentRequest(string? Title, string? MasterPlaylistUrl, bool? Live, long? PriceMicroCredits, bool? Published, int? LicenseDays = null);

/// <summary>The public view of a catalog item.</summary>
/// <param name="LicenseDays">How long a license lasts; null = forever.</param>
/// <param name="Licensed">For a signed-in viewer: whether they hold a current license; null for anonymous callers.</param>
public sealed record CatalogItem(Guid Id, string Title, bool Live, long PriceMicroCredits, int? LicenseDays, bool? Licensed);

/// <summary>The owner's view, with what only the owner needs: also how reading the playlists went.</summary>
/// <param name="ManifestState">Pending until the playlists have been read, then Ready or Failed.</param>
/// <param name="ManifestError">Why reading failed, in words; null unless Failed.</param>
public sealed record OwnedContent(
    Guid Id, string Title, string MasterPlaylistUrl, bool Live, long PriceMicroCredits, bool Published,
    DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt,
    [property: JsonConverter(typeof(JsonStringEnumConverter<ManifestState>))] ManifestState ManifestState,
    string? ManifestError, IReadOnlyList<RenditionSummary> Renditions, int? LicenseDays)
{
    public static OwnedContent From(ContentItem item, IReadOnlyList<RenditionSummary> renditions) => new(
        item.Id, item.Title, item.MasterPlaylistUrl, item.IsLive, item.PriceMicroCredits, item.IsPublished, item.CreatedAt, item.UpdatedAt,
        item.ManifestState, item.ManifestError, renditions, item.LicenseDays);
}

/// <summary>A rendition as its owner sees it. <paramref name="Ended"/>: a live rendition whose playlist has ended.</summary>
public sealed record RenditionSummary(string Name, long Bandwidth, string? Resolution, bool Live, bool Ended, int SegmentCount);

/// <summary>A page of a rendition's segment manifest: what peers check the segments they exchange against.</summary>
public sealed record SegmentPage(Guid ContentId, string Rendition, bool Live, bool Ended, int TargetDurationMs, IReadOnlyList<SegmentEntry> Segments);

/// <param name="Sha256">Lowercase hex.</param>
public sealed record SegmentEntry(long Sequence, int DurationMs, string Url, string Sha256);

public sealed record CatalogPage(IReadOnlyList<CatalogItem> Items, int Page, int PageSize, int Total);

/// <summary>What a player needs to play an item: its renditions' media playlists (empty until the manifest is read).</summary>
public sealed record PlaybackInfo(Guid ContentId, string Title, bool Live, IReadOnlyList<PlaybackRendition> Renditions);

/// <param name="Name">The rendition's name, as the peer hub's Register and the segments endpoint take it.</param>
/// <param name="PlaylistUrl">Its media playlist at the origin.</param>
public sealed record PlaybackRendition(string Name, long Bandwidth, string? Resolution, string PlaylistUrl);
