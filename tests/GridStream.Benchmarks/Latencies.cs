using System.Diagnostics;

namespace GridStream.Benchmarks;

/// <summary>Per-operation latencies, kept whole so percentiles are exact rather than estimated.</summary>
internal sealed class Latencies(string name, int capacity)
{
    private readonly List<long> _ticks = new(capacity);

    public string Name { get; } = name;

    public void Measure(Action operation)
    {
        var start = Stopwatch.GetTimestamp();
        operation();
        _ticks.Add(Stopwatch.GetTimestamp() - start);
    }

    /// <summary>Records a duration measured elsewhere (an awaited call, timed by its caller).</summary>
    public void Add(long stopwatchTicks) => _ticks.Add(stopwatchTicks);

    /// <summary>One set of samples from several, e.g. one per simulated peer, each filled by one task.</summary>
    public static Latencies Merge(string name, IEnumerable<Latencies> parts)
    {
        var merged = new Latencies(name, 0);
        foreach (var part in parts)
        {
            merged._ticks.AddRange(part._ticks);
        }

        return merged;
    }

    public int Count => _ticks.Count;

    /// <summary>The exact quantile over all samples, in milliseconds.</summary>
    public double Millis(double quantile)
    {
        _ticks.Sort();
        return _ticks.Count == 0 ? double.NaN : Micros(quantile) / 1_000.0;
    }

    public string Summary()
    {
        if (_ticks.Count == 0)
        {
            return $"{Name,-10} no samples";
        }

        _ticks.Sort();
        return $"{Name,-10} n={_ticks.Count,7}  p50={Micros(0.50),8:0.0} µs  p99={Micros(0.99),8:0.0} µs  p99.9={Micros(0.999),8:0.0} µs  max={Micros(1.0),9:0.0} µs";
    }

    private double Micros(double quantile)
    {
        var index = Math.Min(_ticks.Count - 1, (int)Math.Ceiling(quantile * _ticks.Count) - 1);
        return _ticks[Math.Max(0, index)] * 1_000_000.0 / Stopwatch.Frequency;
    }
}
