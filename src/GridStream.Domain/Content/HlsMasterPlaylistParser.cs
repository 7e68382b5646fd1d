namespace GridStream.Domain.Content;

/// <summary>Reads the renditions of a master playlist: each <c>#EXT-X-STREAM-INF</c> and the URI line after it.</summary>
internal static class HlsMasterPlaylistParser
{
    public static HlsMasterPlaylist Parse(IReadOnlyList<HlsLine> lines, HlsUriResolver uris)
    {
        var variants = new List<HlsVariant>();
        PendingVariant? pending = null;

        foreach (var line in lines.Skip(1))
        {
            if (line.TagName == HlsTags.StreamInf)
            {
                if (pending is { } unfinished)
                {
                    throw MissingUri(unfinished.LineNumber);
                }

                pending = ReadStreamInf(line);
            }
            else if (line.IsUri)
            {
                var variant = pending
                    ?? throw new HlsFormatException($"A URI line must follow {HlsTags.StreamInf} in a master playlist.", line.Number);
                variants.Add(variant.WithUri(uris.Resolve(line.Text, line.Number)));
                pending = null;
            }
        }

        if (pending is { } last)
        {
            throw MissingUri(last.LineNumber);
        }

        return new HlsMasterPlaylist(uris.PlaylistUri, variants.AsReadOnly());
    }

    private static PendingVariant ReadStreamInf(HlsLine line)
    {
        var attributes = HlsAttributeList.Parse(line.TagValue, HlsTags.StreamInf, line.Number);
        return new PendingVariant(
            line.Number,
            attributes.RequiredInteger("BANDWIDTH"),
            attributes.Integer("AVERAGE-BANDWIDTH"),
            attributes.Resolution("RESOLUTION"),
            attributes.QuotedString("CODECS"),
            attributes.QuotedString("NAME"));
    }

    private static HlsFormatException MissingUri(int streamInfLine) =>
        new($"{HlsTags.StreamInf} is not followed by the URI of its rendition.", streamInfLine);

    /// <summary>A variant whose attributes are read and whose URI line is still to come.</summary>
    private readonly record struct PendingVariant(
        int LineNumber,
        long Bandwidth,
        long? AverageBandwidth,
        HlsResolution? Resolution,
        string? Codecs,
        string? Name)
    {
        public HlsVariant WithUri(Uri uri) => new(uri, Bandwidth, AverageBandwidth, Resolution, Codecs, Name);
    }
}
