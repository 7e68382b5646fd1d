namespace GridStream.Agent.Peering;

/// <summary>One segment of one rendition of one content item: what a peer asks another for.</summary>
internal readonly record struct SegmentKey(Guid ContentId, string Rendition, long Sequence)
{
    public string Path => $"/segments/{ContentId}/{Uri.EscapeDataString(Rendition)}/{Sequence}";

    /// <summary>Reads a request path of the form /segments/{contentId}/{rendition}/{sequence}.</summary>
    public static SegmentKey? FromPath(string? path)
    {
        var parts = (path ?? "").Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length == 4 && parts[0] == "segments" && Guid.TryParse(parts[1], out var content)
            && long.TryParse(parts[3], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var sequence))
        {
            return new SegmentKey(content, Uri.UnescapeDataString(parts[2]), sequence);
        }

        return null;
    }
}
