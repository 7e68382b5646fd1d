using System.Collections.Concurrent;
using GridStream.Domain.Content;

namespace GridStream.Server.Content;

/// <summary>A segment ready for the manifest: where it is and the SHA-256 peers check copies against.</summary>
internal sealed record HashedSegment(long Sequence, int DurationMs, string Url, byte[] Sha256);

/// <summary>
/// Finds the SHA-256 of segments: from the origin's <c>segments-sha256.json</c> next to the media playlist when it
/// has one (cheap: one small file), else by downloading each segment once and hashing it.
/// </summary>
internal sealed class SegmentHashing(OriginClient origin)
{
    public const string SidecarFileName = "segments-sha256.json";

    /// <summary>Enough to hide an origin's latency, few enough not to look like an attack on it.</summary>
    private const int ParallelDownloads = 4;

    public async Task<IReadOnlyList<HashedSegment>> HashAsync(
        HlsMediaPlaylist playlist, IReadOnlyList<HlsSegment> segments, CancellationToken cancellationToken)
    {
        if (segments.Count == 0)
        {
            return [];
        }

        var sidecar = await ReadSidecarAsync(playlist.Uri, cancellationToken).ConfigureAwait(false);
        var hashes = new ConcurrentDictionary<long, byte[]>();
        var unlisted = new List<HlsSegment>();
        foreach (var segment in segments)
        {
            if (sidecar?.FindHash(segment) is { } hex)
            {
                hashes[segment.MediaSequenceNumber] = Convert.FromHexString(hex);
            }
            else
            {
                unlisted.Add(segment);
            }
        }

        await Parallel.ForEachAsync(
            unlisted,
            new ParallelOptions { MaxDegreeOfParallelism = ParallelDownloads, CancellationToken = cancellationToken },
            async (segment, token) => hashes[segment.MediaSequenceNumber] = await origin.GetSha256Async(segment.Uri, token).ConfigureAwait(false))
            .ConfigureAwait(false);

        return [.. segments.Select(segment => new HashedSegment(
            segment.MediaSequenceNumber, segment.DurationMilliseconds, segment.Uri.AbsoluteUri, hashes[segment.MediaSequenceNumber]))];
    }

    private async Task<SegmentHashes?> ReadSidecarAsync(Uri playlistUrl, CancellationToken cancellationToken)
    {
        var sidecarUrl = new Uri(playlistUrl, SidecarFileName);
        var json = await origin.GetOptionalTextAsync(sidecarUrl, OriginClient.MaxPlaylistBytes, cancellationToken).ConfigureAwait(false);
        if (json is null)
        {
            return null;
        }

        try
        {
            return SegmentHashes.ParseSidecar(json);
        }
        catch (SegmentHashesFormatException problem)
        {
            throw new OriginException($"{sidecarUrl}: {problem.Message}", problem);
        }
    }
}
