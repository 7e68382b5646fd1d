namespace GridStream.Domain.Content;

/// <summary>
/// Names the renditions of a content item. The name is how peers and the segment API address a rendition, so it must
/// be unique within the item and stay the same when the same master playlist is read again.
/// </summary>
public static class RenditionNames
{
    public const int MaxLength = 100;

    /// <summary>The name of the one rendition of an item whose URL points straight at a media playlist.</summary>
    public const string OnlyRendition = "v0";

    /// <summary>
    /// One name per variant, in order: its NAME, else its resolution ("1280x720"), else "v{index}". Two variants
    /// that would share a name (same resolution at two bitrates) get their bandwidth appended, then their index.
    /// </summary>
    public static IReadOnlyList<string> For(IReadOnlyList<HlsVariant> variants)
    {
        ArgumentNullException.ThrowIfNull(variants);
        var names = new List<string>(variants.Count);
        var taken = new HashSet<string>(StringComparer.Ordinal);
        for (var index = 0; index < variants.Count; index++)
        {
            var variant = variants[index];
            var preferred = Clip(PreferredName(variant, index));
            var name = new[] { preferred, Clip($"{preferred}-{variant.Bandwidth}"), $"v{index}" }
                .FirstOrDefault(candidate => !taken.Contains(candidate))
                ?? FirstFree(taken, $"v{index}");
            taken.Add(name);
            names.Add(name);
        }

        return names;
    }

    private static string PreferredName(HlsVariant variant, int index) =>
        !string.IsNullOrWhiteSpace(variant.Name) ? variant.Name.Trim()
        : variant.Resolution is { } resolution ? resolution.ToString()
        : $"v{index}";

    private static string Clip(string name) => name.Length <= MaxLength ? name : name[..MaxLength];

    /// <summary>Only reachable when the origin NAMEs variants like our fallbacks; still deterministic.</summary>
    private static string FirstFree(HashSet<string> taken, string stem)
    {
        var suffix = 2;
        while (taken.Contains($"{stem}-{suffix}"))
        {
            suffix++;
        }

        return $"{stem}-{suffix}";
    }
}
