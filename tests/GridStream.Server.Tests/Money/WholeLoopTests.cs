using System.Net;
using System.Net.Http.Json;
using GridStream.Domain.Accounts;
using GridStream.Domain.Compute.Protocol;
using GridStream.Domain.Ledger;
using GridStream.Domain.Payouts;
using GridStream.Server.Data;
using GridStream.Server.Payouts;
using GridStream.Server.Tests.Infrastructure;
using GridStream.Server.Tests.Payouts;
using GridStream.Server.Tests.Wallet;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static GridStream.Server.Tests.Licensing.LicensingClient;

namespace GridStream.Server.Tests.Money;

/// <summary>
/// The money loop of issue 5, through the real host, hub and database, with nothing planted in the ledger: a
/// customer's job is validated → the viewer who computed it is credited → the viewer buys a license for an owner's
/// priced item → the playback token opens that item's swarm → an admin's payout run pays the owner → the statement CSV
/// ties out to the cent with the ledger, and the reconciliation report balances.
/// </summary>
public sealed class WholeLoopTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private const int Units = 8;
    private const long PriceCentsPerUnit = 50;
    private const long LicensePrice = 2_000_000; // 2 credits

    private GridStreamFactory Server => fixture.Server;

    [Fact]
    public async Task Validated_work_buys_a_license_whose_sale_is_paid_out_on_a_statement_that_ties_out()
    {
        using var admin = await Server.AdminAsync();
        using var customer = await Server.SignedUpAsync(Roles.Customer);
        using var owner = await Server.SignedUpAsync(Roles.Owner);
        using var viewer = await Server.SignedUpAsync(Roles.Viewer);
        var ownerId = await IdOfAsync(owner);
        var viewerToken = viewer.DefaultRequestHeaders.Authorization!.Parameter!;
        var freeItem = await DemoManifest.CreateAsync(Server);
        var pricedItem = await MoneyLoopSteps.OwnersPricedItemAsync(Server, owner, ownerId, LicensePrice);

        // 1. The viewer computes the customer's job while watching a free item.
        var job = Jobs.IdOf(await Jobs.SubmitAsync(customer, new
        {
            name = "whole loop", code = Jobs.Doubling, inputs = Enumerable.Range(1, Units).ToArray(),
            policy = new { quorum = 1 }, priceCentsPerUnit = PriceCentsPerUnit,
        }));
        await using (var computing = await PeerClient.ConnectAsync(Server, viewerToken))
        {
            await computing.RegisterAsync(freeItem, "10.91.0.5");
            await computing.Connection.InvokeAsync(WorkHubMethods.SetCompute, new ComputeSwitch(true));
            await MoneyLoopSteps.WorkUntilCompletedAsync(computing, customer, job);
        }

        // 2. Credits: the viewers' 70 % of 50 ¢ a unit at 10,000 micro-credits a cent, all to the one viewer.
        const long earned = Units * PriceCentsPerUnit * 10_000 * 70 / 100;
        var wallet = await WalletClient.WalletAsync(viewer);
        Assert.Equal(earned, wallet.Balance.Posted.MicroCredits);
        // Booked per review: at least one transfer, at most one per unit, all naming the job.
        var credits = wallet.History.Where(e => e.Kind == ComputeTransfers.CreditKind).ToList();
        Assert.InRange(credits.Count, 1, Units);
        Assert.All(credits, e => Assert.Equal(job.ToString("D"), e.Reference));

        // 3. A license bought with those credits (once, whatever the retries) and its playback token.
        var license = await BoughtAsync(await BuyAsync(viewer, pricedItem, "loop-purchase"), HttpStatusCode.Created);
        await BoughtAsync(await BuyAsync(viewer, pricedItem, "loop-purchase"), HttpStatusCode.OK);
        Assert.Equal(earned - LicensePrice, (await WalletClient.WalletAsync(viewer)).Balance.Posted.MicroCredits);
        var token = await TokenAsync(viewer, pricedItem);
        Assert.True(token.Required);
        await using (var watching = await PeerClient.ConnectAsync(Server, viewerToken))
        {
            await Assert.ThrowsAsync<HubException>(() => watching.RegisterAsync(pricedItem, "10.91.1.5"));
            await watching.RegisterAsync(pricedItem, "10.91.1.5", playbackToken: token.Token);
            Assert.NotEqual(Guid.Empty, watching.PeerId);
        }

        // 4. The owner's 80 % of the sale is paid out: 1,600,000 micro-credits = 160 ¢.
        var split = MoneyRules.SplitSale(LicensePrice, feePercent: 20);
        var payout = PayoutsClient.Of(await PayoutsClient.RunAsync(admin), ownerId);
        Assert.Equal(PayoutState.InTransit, payout.State);
        Assert.Equal(split.OwnerEarnings / 10_000, payout.Cents);
        var paid = await PayoutsClient.SettledAsync(await PayoutsClient.ConfirmAsync(admin, payout.Id, "bank-ref-loop-1"));
        Assert.Equal(PayoutState.Paid, paid.State);

        // 5. The statement CSV says the same as the ledger, to the cent.
        var csv = await owner.GetStringAsync($"/api/payouts/{payout.Id}/statement.csv");
        var (summary, sales) = Statement(csv);
        var sale = Assert.Single(sales);
        Assert.Equal(license.Id.ToString("D"), sale[2]);
        Assert.Equal([LicensePrice, split.PlatformFee, split.OwnerEarnings], sale.Skip(3).Select(long.Parse));
        Assert.Equal("Paid", summary["state"]);
        Assert.Equal("bank-ref-loop-1", summary["external_reference"]);
        Assert.Equal(split.OwnerEarnings, long.Parse(summary["earnings_micro_credits"]));
        Assert.Equal(split.OwnerEarnings, long.Parse(summary["credits_converted_micro_credits"]));
        Assert.Equal("0", summary["carried_forward_micro_credits"]);
        Assert.Equal(payout.Cents, long.Parse(summary["payout_cents"]));
        Assert.Equal("1.60", summary["payout_dollars"]);

        Assert.Equal(0, (await Wallets.BalanceAsync(Server, Wallets.EarningsOf(ownerId))).Posted);
        var revenue = await Wallets.BalanceAsync(Server, AccountRef.Platform(AccountPurpose.Revenue, Currency.Usd));
        Assert.Equal(Units * PriceCentsPerUnit - payout.Cents, revenue.Posted);
        var fees = await Wallets.BalanceAsync(Server, AccountRef.Platform(AccountPurpose.Fees, Currency.Credits));
        Assert.Equal(split.PlatformFee, fees.Posted);

        // 6. And the books prove it: every identity balances with nothing unmatched.
        var report = (await admin.GetFromJsonAsync<ReconciliationReport>("/api/admin/reconciliation"))!;
        Assert.True(report.Balanced, string.Join("; ", report.Identities.Where(i => !i.Balanced).Select(i => i.ToString())));
        Assert.Equal(0, report.UnmatchedCount);
    }

    /// <summary>The statement CSV's summary (field → value) and its sale rows.</summary>
    private static (Dictionary<string, string> Summary, List<List<string>> Sales) Statement(string csv)
    {
        var records = CsvRecords.Parse(csv);
        var blank = records.FindIndex(r => r.Count == 1 && r[0].Length == 0);
        Assert.True(blank > 0, "the statement has a summary, an empty line and its sales");
        var summary = records.Skip(1).Take(blank - 1).ToDictionary(r => r[0], r => r[1]);
        Assert.Equal("sold_at", records[blank + 1][0]);
        return (summary, records.Skip(blank + 2).Where(r => r.Count > 1).ToList());
    }
}
