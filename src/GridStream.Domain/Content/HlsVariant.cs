namespace GridStream.Domain.Content;

/// <summary>One rendition offered by a master playlist (<c>#EXT-X-STREAM-INF</c> and the URI line after it).</summary>
/// <param name="Uri">The rendition's media playlist, made absolute against the master playlist's address.</param>
/// <param name="Bandwidth">Peak bits per second.</param>
/// <param name="AverageBandwidth">Average bits per second, when the origin states it.</param>
/// <param name="Codecs">The RFC 6381 codec list as written, e.g. <c>avc1.64001f,mp4a.40.2</c>.</param>
/// <param name="Name">A human-readable label some packagers add; not part of RFC 8216 for this tag.</param>
public sealed record HlsVariant(
    Uri Uri,
    long Bandwidth,
    long? AverageBandwidth,
    HlsResolution? Resolution,
    string? Codecs,
    string? Name);
