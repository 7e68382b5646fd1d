namespace GridStream.Domain.Content;

/// <summary>The value of <c>#EXT-X-PLAYLIST-TYPE</c>; a playlist without that tag has none.</summary>
public enum HlsPlaylistType
{
    /// <summary>The playlist will never change.</summary>
    Vod,

    /// <summary>Segments are only ever appended until <c>#EXT-X-ENDLIST</c>.</summary>
    Event,
}
