using GridStream.Domain.Content;

namespace GridStream.Domain.Tests.Content;

/// <summary>Addresses and parsing shortcuts shared by the playlist tests.</summary>
internal static class Playlists
{
    public static readonly Uri MasterUri = new("https://cdn.example.com/vod/show/master.m3u8");
    public static readonly Uri VodUri = new("https://cdn.example.com/vod/show/720p/index.m3u8");
    public static readonly Uri LiveUri = new("https://live.example.com/channel7/720p/index.m3u8");

    public static string Lines(params string[] lines) => string.Join('\n', lines) + "\n";

    public static HlsMediaPlaylist Media(string text, Uri? playlistUri = null) =>
        Assert.IsType<HlsMediaPlaylist>(HlsPlaylist.Parse(text, playlistUri ?? VodUri));

    public static HlsMasterPlaylist Master(string text) =>
        Assert.IsType<HlsMasterPlaylist>(HlsPlaylist.Parse(text, MasterUri));

    public static HlsFormatException Rejection(string text, Uri? playlistUri = null) =>
        Assert.Throws<HlsFormatException>(() => HlsPlaylist.Parse(text, playlistUri ?? VodUri));

    /// <summary>A live window of 2.002-second segments named after their sequence number, as many packagers do.</summary>
    public static HlsMediaPlaylist LiveWindow(long firstSequence, int count, string token = "t1", bool ended = false)
    {
        var lines = new List<string> { "#EXTM3U", "#EXT-X-VERSION:3", "#EXT-X-TARGETDURATION:3", $"#EXT-X-MEDIA-SEQUENCE:{firstSequence}" };
        for (var sequence = firstSequence; sequence < firstSequence + count; sequence++)
        {
            lines.Add("#EXTINF:2.002,");
            lines.Add($"seg{sequence:D5}.ts?token={token}");
        }

        if (ended)
        {
            lines.Add("#EXT-X-ENDLIST");
        }

        return Media(Lines([.. lines]), LiveUri);
    }
}
