using GridStream.Domain.Swarms;

namespace GridStream.Domain.Tests.Swarms;

public sealed class TokenBucketTests
{
    [Fact]
    public void A_burst_is_allowed_then_calls_are_refused_until_time_refills()
    {
        var bucket = new TokenBucket(perSecond: 2, burst: 3, nowTicks: 0);

        Assert.True(bucket.TryTake(0));
        Assert.True(bucket.TryTake(0));
        Assert.True(bucket.TryTake(0));
        Assert.False(bucket.TryTake(0));
        Assert.True(bucket.TryTake(TimeSpan.TicksPerSecond / 2));
        Assert.False(bucket.TryTake(TimeSpan.TicksPerSecond / 2));
    }

    [Fact]
    public void Idle_time_never_stores_more_than_the_burst()
    {
        var bucket = new TokenBucket(perSecond: 10, burst: 2, nowTicks: 0);

        var allowed = Enumerable.Range(0, 5).Count(_ => bucket.TryTake(TimeSpan.TicksPerHour));

        Assert.Equal(2, allowed);
    }

    [Fact]
    public void A_clock_going_backwards_grants_nothing()
    {
        var bucket = new TokenBucket(perSecond: 1, burst: 1, nowTicks: TimeSpan.TicksPerSecond * 10);
        Assert.True(bucket.TryTake(TimeSpan.TicksPerSecond * 10));

        Assert.False(bucket.TryTake(0));
    }
}
