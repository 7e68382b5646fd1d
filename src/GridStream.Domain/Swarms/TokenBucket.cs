namespace GridStream.Domain.Swarms;

/// <summary>
/// A rate limit: up to <c>burst</c> calls at once, refilled at <c>perSecond</c>. Time comes in as ticks from the
/// caller's clock, so the decision is pure and testable. Not thread-safe: one bucket per connection, used in turn.
/// </summary>
public sealed class TokenBucket
{
    private readonly long _burstMicroTokens;
    private readonly long _perSecond;
    private long _microTokens;
    private long _lastTicks;

    private const long MicroPerToken = 1_000_000;

    public TokenBucket(int perSecond, int burst, long nowTicks)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(perSecond, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(burst, 1);
        _burstMicroTokens = burst * MicroPerToken;
        _perSecond = perSecond;
        _microTokens = _burstMicroTokens;
        _lastTicks = nowTicks;
    }

    public bool TryTake(long nowTicks)
    {
        var elapsed = Math.Max(0, nowTicks - _lastTicks);
        _lastTicks = Math.Max(_lastTicks, nowTicks);
        // 128-bit so a long idle time can't overflow before the cap applies.
        var refill = (Int128)elapsed * _perSecond * MicroPerToken / TimeSpan.TicksPerSecond;
        _microTokens = (long)Int128.Min(_burstMicroTokens, _microTokens + refill);
        if (_microTokens < MicroPerToken)
        {
            return false;
        }

        _microTokens -= MicroPerToken;
        return true;
    }
}
