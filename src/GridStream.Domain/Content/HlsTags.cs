namespace GridStream.Domain.Content;

/// <summary>The tag names this reader understands; every other tag is ignored, as RFC 8216 asks of clients.</summary>
internal static class HlsTags
{
    public const string Header = "#EXTM3U";
    public const string StreamInf = "#EXT-X-STREAM-INF";
    public const string Inf = "#EXTINF";
    public const string TargetDuration = "#EXT-X-TARGETDURATION";
    public const string MediaSequence = "#EXT-X-MEDIA-SEQUENCE";
    public const string PlaylistType = "#EXT-X-PLAYLIST-TYPE";
    public const string EndList = "#EXT-X-ENDLIST";
    public const string Discontinuity = "#EXT-X-DISCONTINUITY";
    public const string Map = "#EXT-X-MAP";
}
