using GridStream.Server.Peers;

namespace GridStream.Benchmarks.Offload;

/// <summary>
/// A live rendition as the hub sees it: segment n is complete on the CDN at the end of its two seconds and enters the
/// server's manifest when the live follower next reads the playlist (about once per target duration). Sizes vary
/// around the bitrate, deterministically per segment.
/// </summary>
internal sealed class LiveStream(int segmentMs, long bitrateKbps, long followerPhaseMs)
{
    /// <summary>As the server does (ManifestQuery): a newcomer starts this many segments behind the newest.</summary>
    private const int StartBehindEdge = 3;

    public int SegmentMs { get; } = segmentMs;

    /// <summary>What the master playlist declares (BANDWIDTH), and what the hub learns at registration.</summary>
    public long BitrateKbps { get; } = bitrateKbps;

    /// <summary>The newest segment in the manifest at the given time, or -1 before the first.</summary>
    public long NewestInManifest(long nowMs)
    {
        if (nowMs < followerPhaseMs)
        {
            return -1;
        }

        var followerReads = (nowMs - followerPhaseMs) / SegmentMs; // reads at phase, phase + 2 s, …
        var lastReadMs = followerPhaseMs + followerReads * SegmentMs;
        return lastReadMs < 0 ? -1 : lastReadMs / SegmentMs - 1; // segment n is complete at (n + 1) × 2 s
    }

    public long StartSequence(long nowMs) => Math.Max(0, NewestInManifest(nowMs) - StartBehindEdge + 1);

    public long BytesOf(long sequence)
    {
        var nominal = BitrateKbps * SegmentMs / 8; // kbit/s × ms = bits; / 8 = bytes
        var variation = (int)((ulong)(sequence * 2_654_435_761L) % 41) - 20; // ±20 %, the same for every viewer
        return nominal * (100 + variation) / 100;
    }

    /// <summary>What RequestSources reads from the manifest: up to <paramref name="count"/> segments from a sequence on.</summary>
    public IReadOnlyList<ManifestEntry> Segments(long nowMs, long fromSequence, int count)
    {
        var newest = NewestInManifest(nowMs);
        var entries = new List<ManifestEntry>(count);
        for (var sequence = Math.Max(0, fromSequence); sequence <= newest && entries.Count < count; sequence++)
        {
            entries.Add(new ManifestEntry(sequence, SegmentMs, $"https://cdn.example/live/{sequence}.ts", HashOf(sequence)));
        }

        return entries;
    }

    private static string HashOf(long sequence) => sequence.ToString("x64", System.Globalization.CultureInfo.InvariantCulture);
}
