using GridStream.Server.Data;

namespace GridStream.Server.Content;

internal static class ManifestReads
{
    /// <summary>Marks the item's manifest as pending: the manifest reader picks up every pending item.</summary>
    public static void MarkPending(ContentItem item)
    {
        item.ManifestState = ManifestState.Pending;
        item.ManifestError = null;
    }
}
