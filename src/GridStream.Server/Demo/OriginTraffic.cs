using System.Collections.Concurrent;
using Microsoft.Net.Http.Headers;

namespace GridStream.Server.Demo;

/// <summary>What the origin served of one stream's segments since the server started.</summary>
public sealed record OriginStreamTraffic(string Stream, long SegmentRequests, long SegmentBytes);

/// <summary>
/// Counts the segment (.ts) requests and bytes the demo origin served, per stream: the "CDN" side of the P2P share,
/// so what viewers report fetching from the CDN can be checked against what the origin actually sent.
/// Playlists and hash sidecars are not counted: they are not video, and every viewer reads them either way.
/// </summary>
public sealed class OriginTraffic
{
    private readonly ConcurrentDictionary<string, Counter> _streams = new(StringComparer.Ordinal);

    public void SegmentServed(string stream, long bytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(bytes);
        var counter = _streams.GetOrAdd(stream, _ => new Counter());
        Interlocked.Increment(ref counter.Requests);
        Interlocked.Add(ref counter.Bytes, bytes);
    }

    public OriginStreamTraffic Of(string stream) =>
        _streams.TryGetValue(stream, out var counter)
            ? new OriginStreamTraffic(stream, Interlocked.Read(ref counter.Requests), Interlocked.Read(ref counter.Bytes))
            : new OriginStreamTraffic(stream, 0, 0);

    public IReadOnlyList<OriginStreamTraffic> All() => [.. _streams.Keys.Order(StringComparer.Ordinal).Select(Of)];

    /// <summary>
    /// The bytes a GET for a file of <paramref name="fileLength"/> bytes sends, as ASP.NET Core's file sender answers
    /// ranges: no range or several ranges → the whole file; one range → its part inside the file (none past the end).
    /// </summary>
    public static long BytesSent(long fileLength, RangeHeaderValue? range)
    {
        if (range is null || range.Ranges.Count != 1)
        {
            return fileLength;
        }

        var (from, to) = range.Ranges.Single() switch
        {
            { From: { } start, To: { } end } => (start, Math.Min(end, fileLength - 1)),
            { From: { } start, To: null } => (start, fileLength - 1),
            { From: null, To: { } suffix } => (Math.Max(0, fileLength - suffix), fileLength - 1),
            _ => (0L, fileLength - 1),
        };
        return Math.Max(0, to - from + 1);
    }

    private sealed class Counter
    {
        public long Requests;
        public long Bytes;
    }
}
