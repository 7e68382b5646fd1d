namespace GridStream.Server.Data;

/// <summary>Where reading a content item's playlists stands; shown to its owner.</summary>
public enum ManifestState
{
    Pending = 0,
    Ready = 1,
    Failed = 2,
}
