namespace GridStream.Agent.Peering;

/// <summary>
/// The segments an agent holds, verified, to play and to serve to group mates. Bounded: the oldest segment added
/// goes first, since group mates ask for what was just played, not for what was played long ago.
/// </summary>
internal sealed class SegmentCache(int capacity)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<SegmentKey, byte[]> _segments = [];
    private readonly Queue<SegmentKey> _arrivalOrder = new();

    public int Count
    {
        get { lock (_gate) { return _segments.Count; } }
    }

    public void Add(SegmentKey key, byte[] bytes)
    {
        lock (_gate)
        {
            if (!_segments.TryAdd(key, bytes))
            {
                return;
            }

            _arrivalOrder.Enqueue(key);
            while (_segments.Count > capacity)
            {
                _segments.Remove(_arrivalOrder.Dequeue());
            }
        }
    }

    public byte[]? Find(SegmentKey key)
    {
        lock (_gate)
        {
            return _segments.GetValueOrDefault(key);
        }
    }
}
