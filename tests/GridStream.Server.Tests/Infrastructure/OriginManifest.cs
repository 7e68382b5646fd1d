namespace GridStream.Server.Tests.Infrastructure;

/// <summary>
/// A published item whose segment manifest points at a running <see cref="SegmentOrigin"/> with the segments' real
/// SHA-256, as the manifest reader would leave it: what agents need to watch for real.
/// </summary>
internal static class OriginManifest
{
    public const string Rendition = "360p";

    public static Task<Guid> CreateAsync(GridStreamFactory server, SegmentOrigin origin, int segmentDurationMs) =>
        DemoManifest.InsertAsync(server, origin.Address.ToString(), Rendition, segmentDurationMs, live: false, published: true,
            origin.Segments.Select((bytes, sequence) => new TestSegment(
                sequence, segmentDurationMs, origin.UrlOf(sequence).ToString(), Convert.FromHexString(SegmentOrigin.Sha256Of(bytes)))));
}
