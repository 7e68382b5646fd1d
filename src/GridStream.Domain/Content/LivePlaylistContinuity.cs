namespace GridStream.Domain.Content;

/// <summary>How a freshly fetched live playlist relates to the segments already known.</summary>
public enum LivePlaylistContinuity
{
    /// <summary>The playlist carries on where the known segments end (possibly with nothing new yet).</summary>
    Continuous,

    /// <summary>
    /// The playlist moved past segments that were never seen, e.g. because refetches came too slowly. The listed
    /// segments are still a valid continuation, but the manifest has a hole.
    /// </summary>
    Gap,

    /// <summary>
    /// The playlist contradicts what was known: its sequence went back or a known sequence number now names a
    /// different segment, typically after an encoder restart. The known segments no longer describe this stream.
    /// </summary>
    Reset,
}
