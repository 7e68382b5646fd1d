namespace GridStream.Server.Data;

/// <summary>
/// A segment of a rendition with the SHA-256 every peer checks before playing a copy it got from another peer.
/// Keyed by the HLS media sequence number, the segment's identity in a live stream.
/// </summary>
public sealed class ManifestSegment
{
    public Guid RenditionId { get; set; }
    public long Sequence { get; set; }
    public int DurationMs { get; set; }
    public required string Url { get; set; }
    public required byte[] Sha256 { get; set; }
    public DateTimeOffset AddedAt { get; set; }
}
