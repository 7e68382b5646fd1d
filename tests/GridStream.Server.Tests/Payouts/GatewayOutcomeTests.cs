using System.Collections.Concurrent;
using GridStream.Domain.Accounts;
using GridStream.Domain.Ledger;
using GridStream.Domain.Payouts;
using GridStream.Server.Payouts;
using GridStream.Server.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using static GridStream.Server.Tests.Payouts.PayoutsClient;

namespace GridStream.Server.Tests.Payouts;

/// <summary>
/// A gateway that answers per owner as the test says, standing in for the outside party (a bank, Stripe Connect) —
/// the payouts, the ledger and the database around it are the real ones.
/// </summary>
internal sealed class ScriptedGateway : IPayoutGateway
{
    public ConcurrentDictionary<Guid, Func<PayoutOrder, GatewayOutcome>> Answers { get; } = new();

    public ConcurrentBag<PayoutOrder> Sent { get; } = [];

    public string Name => "scripted";

    public bool ResendsUnreferenced => false;

    public Task<string?> WhyCannotPayAsync(Guid ownerId, CancellationToken cancellationToken) => Task.FromResult<string?>(null);

    public Task<GatewayOutcome> SendAsync(PayoutOrder payout, CancellationToken cancellationToken)
    {
        Sent.Add(payout);
        return Task.FromResult(Answers.TryGetValue(payout.OwnerId, out var answer) ? answer(payout) : new GatewayOutcome.AwaitingConfirmation());
    }
}

public sealed class ScriptedGatewayFixture : ServerFixture
{
    private static readonly ScriptedGateway SharedGateway = new();

    public ScriptedGatewayFixture()
        : base(withDemoContent: false, services: services => services.AddSingleton<IPayoutGateway>(SharedGateway))
    {
    }

    internal ScriptedGateway Gateway => SharedGateway;

    internal MoneyBooks Books => new(Server);
}

public sealed class GatewayOutcomeTests(ScriptedGatewayFixture fixture) : IClassFixture<ScriptedGatewayFixture>
{
    private readonly MoneyBooks _books = fixture.Books;

    [Fact]
    public async Task Sent_is_paid_at_once_failed_is_voided_and_a_throwing_gateway_leaves_the_payout_in_transit()
    {
        var (_, customer) = await _books.UserAsync(Roles.Customer);
        await _books.BillUsageAsync(customer, centsPerUnit: 10_000, units: 1);
        var (_, viewer) = await _books.UserAsync(Roles.Viewer);
        var owners = new Guid[3];
        for (var i = 0; i < owners.Length; i++)
        {
            owners[i] = (await _books.UserAsync(Roles.Owner)).Id;
            var film = await _books.ContentAsync(owners[i], "Film", 1_000_000);
            await _books.SellAsync(viewer, owners[i], film, 1_000_000);
            await _books.SellAsync(viewer, owners[i], film, 1_000_000);
        }

        fixture.Gateway.Answers[owners[0]] = order => new GatewayOutcome.Sent($"tr_{order.IdempotencyKey}");
        fixture.Gateway.Answers[owners[1]] = _ => new GatewayOutcome.Failed("No bank account on file");
        fixture.Gateway.Answers[owners[2]] = _ => throw new HttpRequestException("gateway unreachable");
        using var admin = await fixture.Server.AdminAsync();

        var report = await RunAsync(admin);

        var sent = Of(report, owners[0]);
        Assert.Equal((PayoutState.Paid, $"tr_{sent.Id}", "scripted"), (sent.State, sent.ExternalReference, sent.Gateway));
        Assert.Equal(new AccountBalance(1_600_000, 1_600_000, 0, 0), await _books.BalanceAsync(MoneyBooks.Earnings(owners[0])));
        var failed = Of(report, owners[1]);
        Assert.Equal((PayoutState.Failed, "No bank account on file"), (failed.State, failed.FailureReason));
        Assert.Equal(new AccountBalance(0, 1_600_000, 0, 0), await _books.BalanceAsync(MoneyBooks.Earnings(owners[1])));
        Assert.Equal(PayoutState.InTransit, Of(report, owners[2]).State);
        Assert.Equal(new AccountBalance(0, 1_600_000, 1_600_000, 0), await _books.BalanceAsync(MoneyBooks.Earnings(owners[2])));
        Assert.Equal(160, Assert.Single(fixture.Gateway.Sent, o => o.OwnerId == owners[0]).Cents);
    }
}
