using GridStream.Server.Tests.Infrastructure;

namespace GridStream.Server.Tests.Payouts;

/// <summary>A server with its own database; the payout minimum is left at its default (100 cents).</summary>
public sealed class PayoutServerFixture : ServerFixture
{
    internal MoneyBooks Books => new(Server);
}
