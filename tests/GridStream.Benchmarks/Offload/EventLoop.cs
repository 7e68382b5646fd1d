namespace GridStream.Benchmarks.Offload;

/// <summary>
/// A simulated clock in milliseconds and the events due on it. Events at the same time run in the order they were
/// scheduled, so a run with the same seed replays identically.
/// </summary>
internal sealed class EventLoop
{
    private readonly PriorityQueue<Action, (long At, long Order)> _events = new();
    private long _scheduled;

    public long NowMs { get; private set; }
    public long EventsRun { get; private set; }

    public void At(long atMs, Action action) => _events.Enqueue(action, (Math.Max(atMs, NowMs), _scheduled++));

    public void After(long delayMs, Action action) => At(NowMs + Math.Max(0, delayMs), action);

    /// <summary>Runs events in time order until none are left before <paramref name="endMs"/>.</summary>
    public void RunUntil(long endMs)
    {
        while (_events.TryPeek(out _, out var when) && when.At < endMs)
        {
            var action = _events.Dequeue();
            NowMs = when.At;
            EventsRun++;
            action();
        }

        NowMs = endMs;
    }
}
