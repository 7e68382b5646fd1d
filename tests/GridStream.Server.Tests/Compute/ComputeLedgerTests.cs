using GridStream.Domain.Accounts;
using GridStream.Domain.Compute.Protocol;
using GridStream.Domain.Ledger;
using GridStream.Server.Data;
using GridStream.Server.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static GridStream.Server.Tests.Licensing.LicensingClient;
using static GridStream.Server.Tests.Wallet.WalletClient;

namespace GridStream.Server.Tests.Compute;

/// <summary>The review's money in the ledger: validated replicas credit viewers' wallets, accepted units book the customer's usage.</summary>
public sealed class ComputeLedgerTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private const int Units = 12;
    private const long PriceCents = 3;

    private GridStreamFactory Server => fixture.Server;

    [Fact]
    public async Task Validated_units_credit_the_viewers_wallets_and_book_usage_once_even_when_results_are_sent_again()
    {
        var content = await DemoManifest.CreateAsync(Server);
        using var customer = await Server.SignedUpAsync(Roles.Customer);
        var customerId = await IdOfAsync(customer);
        var job = Jobs.IdOf(await Jobs.SubmitAsync(customer, new
        {
            name = "paid doubling", code = Jobs.Doubling, inputs = Enumerable.Range(0, Units).ToArray(), priceCentsPerUnit = PriceCents,
        }));
        using var aliceHttp = await Server.SignedUpAsync(Roles.Viewer);
        using var bobHttp = await Server.SignedUpAsync(Roles.Viewer);
        await using var alice = await ComputePeer.StartAsync(Server, content, "10.40.1.5", aliceHttp.DefaultRequestHeaders.Authorization!.Parameter!);
        await using var bob = await ComputePeer.StartAsync(Server, content, "10.40.2.5", bobHttp.DefaultRequestHeaders.Authorization!.Parameter!);

        await alice.WorkUntilIdleAsync(Jobs.Doubled, slots: Units);
        // Bob's results decide every unit; he then sends the very same results again.
        var leases = await bob.LeaseAsync(Units);
        var answers = leases.Leases.Select(lease => new WorkResult(lease.LeaseId, Jobs.Doubled(lease), null, 1)).ToArray();
        var first = await bob.SubmitAsync(answers);
        var replay = await bob.SubmitAsync(answers);
        await Jobs.WaitForStateAsync(customer, job, "Completed");

        Assert.Equal(Units, first.Recorded);
        Assert.Equal(0, replay.Recorded);
        Assert.Equal(Units, replay.Refused.Count);
        await using var scope = Server.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GridStreamDbContext>();
        var earnings = await db.ComputeEarnings.Where(e => e.JobId == job).ToListAsync();
        Assert.Equal(2 * Units, earnings.Count);
        foreach (var (viewer, http) in new[] { (await IdOfAsync(aliceHttp), aliceHttp), (await IdOfAsync(bobHttp), bobHttp) })
        {
            var earned = earnings.Where(e => e.ViewerId == viewer).ToList();
            Assert.Equal(Units, earned.Count);
            Assert.Equal(earned.Sum(e => e.MicroCredits), (await Wallets.BalanceAsync(Server, Wallets.Of(viewer))).Posted);
            // Bob's one submission decided every unit: one review, so one transfer per viewer, keyed by its first replica.
            var seen = Assert.Single(await AllEntriesAsync(http, limit: 5));
            Assert.Equal((ComputeTransfers.CreditKind, job.ToString("D")), (seen.Kind, seen.Reference));
            Assert.Equal(earned.Sum(e => e.MicroCredits), seen.Amount.MicroCredits);
            Assert.All(earned, e => Assert.Equal(ComputeTransfers.CreditKey(earned.Min(r => r.ReplicaId)), e.TransferKey));
        }

        var usage = await Wallets.BalanceAsync(Server, AccountRef.Of(customerId, AccountPurpose.Usage, Currency.Usd));
        Assert.Equal(-Units * PriceCents, usage.Posted);
        var usageRows = await db.ComputeUsage.Where(u => u.JobId == job).ToListAsync();
        Assert.Equal(Units * PriceCents, usageRows.Sum(u => u.AmountCents));
        var usageKey = ComputeTransfers.UsageKey(usageRows.Min(u => u.UnitId));
        Assert.All(usageRows, u => Assert.Equal(usageKey, u.TransferKey));
        var usageTransfer = await db.LedgerTransfers.SingleAsync(t => t.Kind == ComputeTransfers.UsageKind && t.Reference == job.ToString("D"));
        Assert.Equal((usageKey, Units * PriceCents), (usageTransfer.IdempotencyKey, usageTransfer.Amount));
    }
}
