using System.Text.Json;

namespace GridStream.Domain.Content;

/// <summary>
/// The SHA-256 of each segment of a rendition, as published by the origin in a <c>segments-sha256.json</c> sidecar:
/// <c>{"seg00001.ts": "ab12…", …}</c>. Peers check every segment they receive from another peer against it.
/// </summary>
public sealed class SegmentHashes
{
    /// <summary>Same bound as for playlists: about 90,000 entries, far beyond any real rendition.</summary>
    public const int MaxCharacters = HlsPlaylist.MaxCharacters;

    public const int HexLength = 64;

    private const char ByteOrderMark = '\uFEFF';

    private readonly Dictionary<string, string> hashesByFileName;

    private SegmentHashes(Dictionary<string, string> hashesByFileName) => this.hashesByFileName = hashesByFileName;

    /// <summary>Lowercase hex SHA-256 keyed by segment file name (the last path component of its URI).</summary>
    public IReadOnlyDictionary<string, string> HashesByFileName => hashesByFileName;

    public string? FindHash(HlsSegment segment)
    {
        ArgumentNullException.ThrowIfNull(segment);
        return hashesByFileName.GetValueOrDefault(segment.FileName);
    }

    /// <exception cref="SegmentHashesFormatException">Malformed JSON, a value that is not a SHA-256 hex string, a key
    /// that is not a file name, or a file name listed twice.</exception>
    public static SegmentHashes ParseSidecar(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        if (json.Length > MaxCharacters)
        {
            throw new SegmentHashesFormatException(
                $"The segment hash sidecar has {json.Length:N0} characters; at most {MaxCharacters:N0} are accepted.");
        }

        using var document = ReadJson(json.TrimStart(ByteOrderMark));
        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            throw new SegmentHashesFormatException(
                $"The segment hash sidecar must be a JSON object of file names to hashes, not {document.RootElement.ValueKind}.");
        }

        var hashes = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var entry in document.RootElement.EnumerateObject())
        {
            var fileName = CheckFileName(entry.Name);
            if (!hashes.TryAdd(fileName, ReadHash(entry)))
            {
                throw new SegmentHashesFormatException(
                    $"The segment hash sidecar lists {UntrustedText.Excerpt(fileName)} more than once.");
            }
        }

        return new SegmentHashes(hashes);
    }

    private static JsonDocument ReadJson(string json)
    {
        try
        {
            return JsonDocument.Parse(json);
        }
        catch (JsonException exception)
        {
            // The reader counts from 0; people count lines and columns from 1.
            throw new SegmentHashesFormatException(
                $"The segment hash sidecar is not valid JSON (line {exception.LineNumber + 1}, byte {exception.BytePositionInLine + 1}).",
                exception);
        }
    }

    private static string CheckFileName(string fileName)
    {
        var isFileName = fileName.Length > 0
            && fileName.IndexOfAny(['/', '\\']) < 0
            && fileName is not ("." or "..");
        return isFileName
            ? fileName
            : throw new SegmentHashesFormatException(
                $"The segment hash sidecar key {UntrustedText.Excerpt(fileName)} is not a file name.");
    }

    /// <summary>Uppercase hex is accepted and lowered, so that hashes compare as plain strings.</summary>
    private static string ReadHash(JsonProperty entry)
    {
        if (entry.Value.ValueKind == JsonValueKind.String
            && entry.Value.GetString() is { Length: HexLength } hex
            && hex.All(char.IsAsciiHexDigit))
        {
            return hex.ToLowerInvariant();
        }

        throw new SegmentHashesFormatException(
            $"The hash of {UntrustedText.Excerpt(entry.Name)} must be {HexLength} hex characters (a SHA-256), not {UntrustedText.Excerpt(entry.Value.GetRawText())}.");
    }
}
