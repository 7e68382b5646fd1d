namespace GridStream.Domain.Content;

/// <summary>A playlist of renditions, in the order the origin listed them.</summary>
public sealed record HlsMasterPlaylist(Uri Uri, IReadOnlyList<HlsVariant> Variants) : HlsPlaylist(Uri);
