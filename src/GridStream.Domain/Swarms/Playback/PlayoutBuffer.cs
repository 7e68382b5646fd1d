namespace GridStream.Domain.Swarms.Playback;

/// <summary>
/// A simulated player: segments are appended as they arrive and a playhead consumes them as media time passes.
/// Playback starts (and resumes after a stall) once <see cref="StartupMs"/> of media is buffered, as real players
/// do, so a stall is counted once per time the buffer ran dry rather than once per tick. Times are media
/// milliseconds; the caller decides how fast media time runs.
/// </summary>
public sealed class PlayoutBuffer
{
    private long _bufferedEndMs;
    private long _playheadMs;
    private long? _lastClockMs;

    public PlayoutBuffer(int startupMs)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(startupMs);
        StartupMs = startupMs;
    }

    public int StartupMs { get; }
    public bool IsPlaying { get; private set; }
    public bool HasStarted { get; private set; }

    /// <summary>True once the last segment has been appended: running dry then is the end, not a stall.</summary>
    public bool HasEnded { get; private set; }

    public int Stalls { get; private set; }
    public long StalledMs { get; private set; }
    public long PlayedMs => _playheadMs;
    public long BufferedEndMs => _bufferedEndMs;
    public int BufferMs => (int)Math.Min(int.MaxValue, _bufferedEndMs - _playheadMs);

    public void Append(int durationMs)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(durationMs);
        _bufferedEndMs += durationMs;
        HasEnded = false;
        if (!IsPlaying && BufferMs >= StartupMs)
        {
            IsPlaying = true;
            HasStarted = true;
        }
    }

    public void MarkEnded() => HasEnded = true;

    /// <summary>Moves the playhead to the media clock's time, noting a stall when the buffer runs dry first.</summary>
    public void Advance(long clockMs)
    {
        var elapsed = _lastClockMs is { } last ? Math.Max(0, clockMs - last) : 0;
        _lastClockMs = clockMs;
        if (!IsPlaying)
        {
            if (HasStarted && !HasEnded)
            {
                StalledMs += elapsed;
            }

            return;
        }

        var playable = Math.Min(elapsed, _bufferedEndMs - _playheadMs);
        _playheadMs += playable;
        if (playable < elapsed || _playheadMs == _bufferedEndMs && elapsed > 0)
        {
            IsPlaying = false;
            if (!HasEnded)
            {
                Stalls++;
                StalledMs += elapsed - playable;
            }
        }
    }
}
