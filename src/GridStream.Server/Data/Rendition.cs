namespace GridStream.Server.Data;

/// <summary>
/// One rendition (variant stream) of a content item, as read from its master playlist. For live content the
/// manifest reader keeps following the media playlist and appends segments as they appear.
/// </summary>
public sealed class Rendition
{
    public Guid Id { get; set; }
    public Guid ContentItemId { get; set; }
    public ContentItem? ContentItem { get; set; }

    /// <summary>Stable within the item: the variant's NAME attribute, else its resolution, else its position.</summary>
    public required string Name { get; set; }
    public long Bandwidth { get; set; }
    public string? Resolution { get; set; }
    public string? Codecs { get; set; }
    public required string PlaylistUrl { get; set; }
    public int TargetDurationMs { get; set; }
    public bool IsLive { get; set; }

    /// <summary>The live playlist carried #EXT-X-ENDLIST: no more segments will come.</summary>
    public bool HasEnded { get; set; }
    public DateTimeOffset? LastReadAt { get; set; }
}
