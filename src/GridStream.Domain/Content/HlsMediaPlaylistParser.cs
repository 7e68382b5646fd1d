namespace GridStream.Domain.Content;

/// <summary>
/// Reads the segments of a media playlist. Segment tags (<c>#EXTINF</c>, <c>#EXT-X-DISCONTINUITY</c>) describe
/// the next URI line; <c>#EXT-X-MAP</c> holds for every segment after it until the next one.
/// </summary>
internal sealed class HlsMediaPlaylistParser
{
    private readonly HlsUriResolver uris;
    private readonly List<HlsSegment> segments = [];
    private int? targetDurationSeconds;
    private long mediaSequence;
    private int? mediaSequenceLine;
    private HlsPlaylistType? playlistType;
    private bool hasEndList;
    private PendingSegment? pending;
    private bool discontinuityPending;
    private Uri? initializationSegment;

    private HlsMediaPlaylistParser(HlsUriResolver uris) => this.uris = uris;

    public static HlsMediaPlaylist Parse(IReadOnlyList<HlsLine> lines, HlsUriResolver uris)
    {
        var parser = new HlsMediaPlaylistParser(uris);
        foreach (var line in lines.Skip(1))
        {
            parser.Read(line);
        }

        return parser.Finish();
    }

    private void Read(HlsLine line)
    {
        if (line.IsUri)
        {
            AddSegment(line);
            return;
        }

        switch (line.TagName)
        {
            case HlsTags.Inf:
                ReadInf(line);
                break;
            case HlsTags.TargetDuration:
                RejectRepeat(targetDurationSeconds is not null, line);
                targetDurationSeconds = HlsNumbers.ParseSmallInteger(line.TagValue, HlsTags.TargetDuration, line.Number);
                break;
            case HlsTags.MediaSequence:
                ReadMediaSequence(line);
                break;
            case HlsTags.PlaylistType:
                RejectRepeat(playlistType is not null, line);
                playlistType = ReadPlaylistType(line);
                break;
            case HlsTags.EndList:
                hasEndList = true;
                break;
            case HlsTags.Discontinuity:
                discontinuityPending = true;
                break;
            case HlsTags.Map:
                var map = HlsAttributeList.Parse(line.TagValue, HlsTags.Map, line.Number);
                initializationSegment = uris.Resolve(map.RequiredQuotedString("URI"), line.Number);
                break;
            default:
                // Blank lines, comments and tags this reader has no use for.
                break;
        }
    }

    private void ReadInf(HlsLine line)
    {
        if (pending is { } unfinished)
        {
            throw MissingUri(unfinished.LineNumber);
        }

        // The title may itself contain commas; only the first one ends the duration.
        var value = line.TagValue;
        var comma = value.IndexOf(',', StringComparison.Ordinal);
        var duration = (comma < 0 ? value : value[..comma]).Trim();
        var title = comma < 0 ? string.Empty : value[(comma + 1)..].Trim();
        pending = new PendingSegment(
            line.Number,
            HlsNumbers.ParseMilliseconds(duration, $"{HlsTags.Inf} duration", line.Number),
            title.Length == 0 ? null : title);
    }

    private void ReadMediaSequence(HlsLine line)
    {
        RejectRepeat(mediaSequenceLine is not null, line);
        if (segments.Count > 0 || pending is not null)
        {
            throw new HlsFormatException($"{HlsTags.MediaSequence} must come before the first segment.", line.Number);
        }

        mediaSequence = HlsNumbers.ParseInteger(line.TagValue, HlsTags.MediaSequence, line.Number);
        mediaSequenceLine = line.Number;
    }

    private static HlsPlaylistType ReadPlaylistType(HlsLine line) => line.TagValue switch
    {
        "VOD" => HlsPlaylistType.Vod,
        "EVENT" => HlsPlaylistType.Event,
        var other => throw new HlsFormatException(
            $"{HlsTags.PlaylistType} must be VOD or EVENT, not {UntrustedText.Excerpt(other)}.", line.Number),
    };

    private void AddSegment(HlsLine line)
    {
        var segment = pending
            ?? throw new HlsFormatException($"The segment URI has no {HlsTags.Inf} before it.", line.Number);
        if (mediaSequence > long.MaxValue - segments.Count)
        {
            throw new HlsFormatException("The segment's media sequence number is larger than we can count.", line.Number);
        }

        segments.Add(new HlsSegment(
            mediaSequence + segments.Count,
            segment.DurationMilliseconds,
            uris.Resolve(line.Text, line.Number),
            segment.Title,
            discontinuityPending,
            initializationSegment));
        pending = null;
        discontinuityPending = false;
    }

    private HlsMediaPlaylist Finish()
    {
        if (pending is { } unfinished)
        {
            throw MissingUri(unfinished.LineNumber);
        }

        // Clients pace their reloads by it, so a media playlist without it is unusable (RFC 8216 §4.3.3.1: REQUIRED).
        var targetDuration = targetDurationSeconds
            ?? throw new HlsFormatException($"A media playlist needs {HlsTags.TargetDuration}.");
        return new HlsMediaPlaylist(uris.PlaylistUri, targetDuration, mediaSequence, playlistType, hasEndList, segments.AsReadOnly());
    }

    private static void RejectRepeat(bool alreadySeen, HlsLine line)
    {
        if (alreadySeen)
        {
            throw new HlsFormatException($"{line.TagName} appears more than once.", line.Number);
        }
    }

    private static HlsFormatException MissingUri(int infLine) =>
        new($"{HlsTags.Inf} is not followed by the URI of its segment.", infLine);

    /// <summary>An <c>#EXTINF</c> read whose URI line is still to come.</summary>
    private readonly record struct PendingSegment(int LineNumber, int DurationMilliseconds, string? Title);
}
