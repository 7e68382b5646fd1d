using GridStream.Domain.Swarms.Protocol;

namespace GridStream.Domain.Swarms.Playback;

/// <summary>
/// What a viewer saw of each neighbour since its last report (FIG. 14). Rates are kilobits per second over the time
/// spent transferring (1 bit per millisecond is 1 kbit/s); the round trip is the latest time to first byte.
/// </summary>
public sealed class NeighbourTally
{
    private readonly Dictionary<Guid, Entry> _entries = [];

    public void Served(Guid peer, long bytes, long transferMs, int rttMs)
    {
        var entry = EntryOf(peer);
        entry.Bytes += bytes;
        entry.TransferMs += Math.Max(1, transferMs);
        entry.RttMs = rttMs;
        entry.Successes++;
    }

    public void Failed(Guid peer) => EntryOf(peer).Failures++;

    public void ServedBadSegment(Guid peer) => EntryOf(peer).BadSegments++;

    /// <summary>
    /// The reports for the given group mates, emptied from the tally. The hub accepts reports only about one's own
    /// group, so what was seen of peers who have since left it is dropped.
    /// </summary>
    public IReadOnlyList<NeighbourReport> Drain(IReadOnlySet<Guid> groupMates)
    {
        var reports = _entries
            .Where(pair => groupMates.Contains(pair.Key))
            .OrderBy(pair => pair.Key)
            .Select(pair => new NeighbourReport(
                pair.Key,
                pair.Value.Bytes,
                RateKbps: pair.Value.TransferMs == 0 ? 0 : pair.Value.Bytes * 8 / pair.Value.TransferMs,
                pair.Value.RttMs,
                pair.Value.Successes,
                pair.Value.Failures,
                pair.Value.BadSegments))
            .ToList();
        _entries.Clear();
        return reports;
    }

    private Entry EntryOf(Guid peer)
    {
        if (!_entries.TryGetValue(peer, out var entry))
        {
            _entries[peer] = entry = new Entry();
        }

        return entry;
    }

    private sealed class Entry
    {
        public long Bytes { get; set; }
        public long TransferMs { get; set; }
        public int RttMs { get; set; }
        public int Successes { get; set; }
        public int Failures { get; set; }
        public int BadSegments { get; set; }
    }
}
