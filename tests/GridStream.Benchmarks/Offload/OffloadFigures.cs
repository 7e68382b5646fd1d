using GridStream.Domain.Swarms.Playback;

namespace GridStream.Benchmarks.Offload;

/// <summary>What the simulated audience received inside the measured window, where from and why.</summary>
internal sealed class OffloadFigures(long windowStartMs, long windowEndMs)
{
    private readonly Dictionary<CdnReason, (int Segments, long Bytes)> _cdn = [];

    public long WindowStartMs => windowStartMs;
    public long WindowEndMs => windowEndMs;
    public long PeerBytes { get; private set; }
    public int PeerSegments { get; private set; }
    public long CdnBytes => _cdn.Values.Sum(entry => entry.Bytes);
    public int PeerFailures { get; set; }
    public long GroupNotices { get; set; }

    /// <summary>Viewer-milliseconds watched inside the window, and stalls begun and time stalled inside it.</summary>
    public long WatchedMs { get; private set; }
    public int Stalls { get; private set; }
    public long StalledMs { get; private set; }

    public long ViewersSampled { get; private set; }
    public long GroupsSampled { get; private set; }
    public List<long> StartupDelaysMs { get; } = [];

    public int SharePerTenThousand => PeerBytes + CdnBytes == 0 ? 0 : (int)(PeerBytes * 10_000 / (PeerBytes + CdnBytes));

    /// <summary>The best any grouping allows: one CDN fetch per group per segment, over the sampled shapes.</summary>
    public int CeilingPerTenThousand => ViewersSampled == 0 ? 0 : (int)((ViewersSampled - GroupsSampled) * 10_000 / ViewersSampled);

    public (int Segments, long Bytes) Cdn(CdnReason reason) => _cdn.GetValueOrDefault(reason);

    public bool InWindow(long atMs) => atMs >= windowStartMs && atMs < windowEndMs;

    public void AddPeerBytes(long atMs, long bytes)
    {
        if (InWindow(atMs))
        {
            PeerBytes += bytes;
            PeerSegments++;
        }
    }

    public void AddCdnBytes(long atMs, long bytes, CdnReason reason)
    {
        if (InWindow(atMs))
        {
            var (segments, total) = _cdn.GetValueOrDefault(reason);
            _cdn[reason] = (segments + 1, total + bytes);
        }
    }

    public void SampleShape(int viewers, int groups)
    {
        ViewersSampled += viewers;
        GroupsSampled += groups;
    }

    /// <summary>Adds one viewer's watching inside the window: its stall counters now minus what they were when the window opened.</summary>
    public void AddViewer(long fromMs, long toMs, (int Stalls, long StalledMs) atWindowStart, (int Stalls, long StalledMs) atEnd)
    {
        WatchedMs += Math.Max(0, Math.Min(toMs, windowEndMs) - Math.Max(fromMs, windowStartMs));
        Stalls += atEnd.Stalls - atWindowStart.Stalls;
        StalledMs += atEnd.StalledMs - atWindowStart.StalledMs;
    }
}
