using GridStream.Server.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace GridStream.Server.Tests.Licensing;

/// <summary>A clock the tests can move forward; it keeps running in real time from wherever it was moved to.</summary>
public sealed class ShiftedClock : TimeProvider
{
    private long _offsetTicks;

    public void Advance(TimeSpan by) => Interlocked.Add(ref _offsetTicks, by.Ticks);

    public override DateTimeOffset GetUtcNow() => base.GetUtcNow().AddTicks(Interlocked.Read(ref _offsetTicks));
}

/// <summary>A server on a clock tests can move, whose viewers pay for licenses from wallets funded in its ledger (<see cref="Wallets"/>).</summary>
public class PaidServerFixture : ServerFixture
{
    public PaidServerFixture()
        : this(withDemoContent: false, new ShiftedClock())
    {
    }

    protected PaidServerFixture(bool withDemoContent, ShiftedClock clock)
        : base(withDemoContent, settings: null, services: services => services.AddSingleton<TimeProvider>(clock)) =>
        Clock = clock;

    public ShiftedClock Clock { get; }
}

/// <summary>The paid server with the demo content seeded, for the origin's checks on the priced demo item.</summary>
public sealed class PaidDemoServerFixture() : PaidServerFixture(withDemoContent: true, new ShiftedClock());
