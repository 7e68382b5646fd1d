using GridStream.Domain.Swarms.Playback;

namespace GridStream.Agent.Peering;

/// <summary>
/// Counts the segment uploads this agent is serving and admits a new one only while a slot is free
/// (<see cref="UploadSlots"/>): the number is reported to the hub, which ranks busy peers lower, and the limit keeps
/// each upload fast enough to arrive in time. The stream's bitrate is learned from the segments the agent plays.
/// </summary>
internal sealed class UploadGate(long upKbps)
{
    private int _active;
    private long _streamKbps;

    public int Active => Volatile.Read(ref _active);

    public int Slots => UploadSlots.For(upKbps, Interlocked.Read(ref _streamKbps));

    public void Observed(long segmentBytes, int durationMs)
    {
        if (UploadSlots.StreamKbpsOf(segmentBytes, durationMs) is var kbps and > 0)
        {
            Interlocked.Exchange(ref _streamKbps, kbps);
        }
    }

    /// <summary>Takes a slot when one is free; every true must be followed by <see cref="Exit"/>.</summary>
    public bool TryEnter()
    {
        var slots = Slots;
        while (true)
        {
            var active = Volatile.Read(ref _active);
            if (active >= slots)
            {
                return false;
            }

            if (Interlocked.CompareExchange(ref _active, active + 1, active) == active)
            {
                return true;
            }
        }
    }

    public void Exit() => Interlocked.Decrement(ref _active);
}
