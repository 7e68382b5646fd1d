namespace GridStream.Domain.Content;

/// <summary>One media segment of a media playlist.</summary>
/// <param name="MediaSequenceNumber">The playlist's <c>#EXT-X-MEDIA-SEQUENCE</c> plus the segment's position;
/// the segment's identity in a live rendition.</param>
/// <param name="DurationMilliseconds">The <c>#EXTINF</c> duration, exact to the millisecond.</param>
/// <param name="Uri">Absolute address of the segment.</param>
/// <param name="Title">The optional text after the comma in <c>#EXTINF</c>.</param>
/// <param name="FollowsDiscontinuity">An <c>#EXT-X-DISCONTINUITY</c> came before this segment, so a player must
/// reset its decoder here (new encoder, different timestamps).</param>
/// <param name="InitializationSegmentUri">The <c>#EXT-X-MAP</c> in force for this segment (fMP4 header), if any.</param>
public sealed record HlsSegment(
    long MediaSequenceNumber,
    int DurationMilliseconds,
    Uri Uri,
    string? Title,
    bool FollowsDiscontinuity,
    Uri? InitializationSegmentUri)
{
    /// <summary>
    /// The last path component, unescaped: the key of the segment in a <c>segments-sha256.json</c> sidecar.
    /// Query strings are left out because CDNs append signing tokens that change between fetches.
    /// </summary>
    public string FileName => FileNameOf(Uri);

    public static string FileNameOf(Uri segmentUri)
    {
        ArgumentNullException.ThrowIfNull(segmentUri);
        var path = segmentUri.IsAbsoluteUri
            ? segmentUri.AbsolutePath
            : segmentUri.OriginalString.Split('?', '#')[0];
        var lastSlash = path.LastIndexOf('/');
        return Uri.UnescapeDataString(path[(lastSlash + 1)..]);
    }
}
