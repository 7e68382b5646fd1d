namespace GridStream.Server.Data;

/// <summary>
/// A video an owner registered. Deleting only marks it: licenses and payouts in later features refer to it, and a
/// sale must stay explainable after the item is gone from the catalog.
/// </summary>
public sealed class ContentItem
{
    public Guid Id { get; set; }
    public Guid OwnerId { get; set; }
    public GridStreamUser? Owner { get; set; }
    public required string Title { get; set; }
    public required string MasterPlaylistUrl { get; set; }
    public bool IsLive { get; set; }
    public long PriceMicroCredits { get; set; }

    /// <summary>How long a bought license lasts; null = forever.</summary>
    public int? LicenseDays { get; set; }
    public bool IsPublished { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public DateTimeOffset? DeletedAt { get; set; }
    public ManifestState ManifestState { get; set; }

    /// <summary>Why the playlists could not be read, in words for the owner; null unless <see cref="ManifestState"/> is Failed.</summary>
    public string? ManifestError { get; set; }
}
