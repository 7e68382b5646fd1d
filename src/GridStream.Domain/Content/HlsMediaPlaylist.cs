namespace GridStream.Domain.Content;

/// <summary>A playlist of segments for one rendition.</summary>
/// <param name="TargetDurationSeconds">Upper bound of a segment's duration; also how often a live playlist is
/// worth refetching.</param>
/// <param name="MediaSequence">Sequence number of the first listed segment (<c>#EXT-X-MEDIA-SEQUENCE</c>, default 0).</param>
/// <param name="HasEndList">The playlist carries <c>#EXT-X-ENDLIST</c>: no segments will be added.</param>
public sealed record HlsMediaPlaylist(
    Uri Uri,
    int TargetDurationSeconds,
    long MediaSequence,
    HlsPlaylistType? PlaylistType,
    bool HasEndList,
    IReadOnlyList<HlsSegment> Segments) : HlsPlaylist(Uri)
{
    /// <summary>
    /// Whether the playlist may still grow, so it is worth refetching. A VOD playlist cannot change even when the
    /// origin forgot <c>#EXT-X-ENDLIST</c>.
    /// </summary>
    public bool IsLive => !HasEndList && PlaylistType != HlsPlaylistType.Vod;

    public long TotalDurationMilliseconds => Segments.Sum(segment => (long)segment.DurationMilliseconds);
}
