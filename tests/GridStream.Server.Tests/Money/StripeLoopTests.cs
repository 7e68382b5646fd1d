using System.Net.Http.Json;
using GridStream.Domain.Accounts;
using GridStream.Domain.Billing;
using GridStream.Domain.Compute.Protocol;
using GridStream.Domain.Ledger;
using GridStream.Domain.Payouts;
using GridStream.Server.Billing;
using GridStream.Server.Payouts;
using GridStream.Server.Tests.Billing;
using GridStream.Server.Tests.Infrastructure;
using GridStream.Server.Tests.Payouts;
using GridStream.Server.Tests.Wallet;
using Microsoft.AspNetCore.SignalR.Client;
using static GridStream.Server.Tests.Licensing.LicensingClient;

namespace GridStream.Server.Tests.Money;

/// <summary>
/// Issue 6's loop, whole, through the real host, hub, database and the local Stripe with its faults on: a job validated
/// by a watching peer → its usage reaches Stripe as exactly one meter event per usage row despite 500s and lost answers
/// → the period's invoice is paid (the webhook delivered twice, newest first) → the customer owes nothing → the viewer's
/// credits buy an owner's license → the owner connects a Stripe account → the payout run makes exactly one transfer
/// despite 500s and a lost answer → transfer.created pays it → the reconciliation report, our books and every Stripe
/// check, balances with nothing unmatched.
/// </summary>
public sealed class StripeLoopTests(StripeServerFixture fixture) : IClassFixture<StripeServerFixture>
{
    private const int Units = 8;
    private const long PriceCentsPerUnit = 50;
    private const long LicensePrice = 2_000_000;

    private GridStreamFactory Server => fixture.Server;

    [Fact]
    public async Task Usage_invoice_license_and_payout_go_through_stripe_once_each_and_everything_reconciles()
    {
        var stripe = fixture.Stripe;
        var steps = new StripeConnectSteps(fixture);
        steps.DeliverWebhooks();
        using var admin = await Server.AdminAsync();
        using var customer = await Server.SignedUpAsync(Roles.Customer);
        using var owner = await Server.SignedUpAsync(Roles.Owner);
        using var viewer = await Server.SignedUpAsync(Roles.Viewer);
        var (customerId, ownerId) = (await IdOfAsync(customer), await IdOfAsync(owner));
        var freeItem = await DemoManifest.CreateAsync(Server);
        var pricedItem = await MoneyLoopSteps.OwnersPricedItemAsync(Server, owner, ownerId, LicensePrice);

        // 1. A viewer computes the customer's job while watching.
        var job = Jobs.IdOf(await Jobs.SubmitAsync(customer, new
        {
            name = "stripe loop", code = Jobs.Doubling, inputs = Enumerable.Range(1, Units).ToArray(),
            policy = new { quorum = 1 }, priceCentsPerUnit = PriceCentsPerUnit,
        }));
        await using (var computing = await PeerClient.ConnectAsync(Server, viewer.DefaultRequestHeaders.Authorization!.Parameter!))
        {
            await computing.RegisterAsync(freeItem, "10.93.0.5");
            await computing.Connection.InvokeAsync(WorkHubMethods.SetCompute, new ComputeSwitch(true));
            await MoneyLoopSteps.WorkUntilCompletedAsync(computing, customer, job);
        }

        // 2. Its usage reaches Stripe once per row, whatever fails on the way.
        stripe.Faults.InjectServerError("/v1/billing/meter_events", count: 2);
        stripe.Faults.DropResponseAfterCommit("/v1/billing/meter_events", count: 2);
        await InvoiceFlow.RelayEverythingAsync(Server, admin);
        stripe.Faults.Clear();
        var rows = await ValidatedUsage.RowsOfAsync(Server, job);
        Assert.Equal(Units, rows.Count);
        var stripeCustomer = (await ValidatedUsage.StripeCustomerOfAsync(Server, customerId))!.CustomerId;
        Assert.Equal(rows.Select(r => r.UnitId.ToString()).Order(),
            stripe.MeterEvents.Where(e => e.CustomerId == stripeCustomer).Select(e => e.Identifier).Order());

        // 3. The period closes; invoice.paid arrives twice, newest first; the customer owes nothing.
        stripe.Webhooks.DeliverEachTwice = true;
        stripe.Webhooks.Hold();
        var invoice = Assert.Single(stripe.CloseBillingPeriod(stripeCustomer));
        Assert.Equal(Units * PriceCentsPerUnit, invoice.AmountDue);
        stripe.Webhooks.Release(newestFirst: true);
        await stripe.Webhooks.WaitUntilIdleAsync(StripeConnectSteps.Patience);
        stripe.Webhooks.DeliverEachTwice = false;
        Assert.Equal(1, await InvoiceFlow.TransfersAsync(Server, InvoiceTransfers.PaidKind, invoice.Id));
        Assert.Equal(0, await InvoiceFlow.UsageBalanceAsync(Server, customerId));

        // 4. The viewer's credits buy the owner's license.
        await BoughtAsync(await BuyAsync(viewer, pricedItem, "stripe-loop-purchase"), System.Net.HttpStatusCode.Created);

        // 5. The owner connects a Stripe account; the run makes one transfer despite 500s and a lost answer.
        var link = await StripeConnectSteps.OnboardAsync(owner);
        stripe.EnablePayouts(link.AccountId);
        await StripeConnectSteps.UntilAsync(async () => (await StripeConnectSteps.AccountAsync(owner)).PayoutsReady, "the owner's account to become ready");
        // Stripe makes a paid invoice's money available days later; the local Stripe does it when told.
        stripe.AddAvailableBalance(invoice.AmountDue);
        stripe.Faults.InjectServerError("/v1/transfers", count: 2, method: "POST");
        stripe.Faults.DropResponseAfterCommit("/v1/transfers", count: 1);
        var payout = PayoutsClient.Of(await PayoutsClient.RunAsync(admin), ownerId);
        stripe.Faults.Clear();
        var split = MoneyRules.SplitSale(LicensePrice, feePercent: 20);
        Assert.Equal((split.OwnerEarnings / 10_000, "stripe"), (payout.Cents, payout.Gateway));
        var transfer = Assert.Single(steps.TransfersOf(payout.Id));
        Assert.Equal((payout.Cents, link.AccountId), (transfer.Amount, transfer.Destination));
        await StripeConnectSteps.UntilAsync(async () => (await steps.PayoutAsync(admin, payout.Id)).State == PayoutState.Paid, "transfer.created");
        Assert.Equal(transfer.Id, (await steps.PayoutAsync(admin, payout.Id)).ExternalReference);
        Assert.Equal(0, (await Wallets.BalanceAsync(Server, Wallets.EarningsOf(ownerId))).Posted);

        // 6. Our books and Stripe's agree: every identity, ours and each Stripe check, with nothing unmatched.
        var report = (await admin.GetFromJsonAsync<ReconciliationReport>("/api/admin/reconciliation"))!;
        var unmatched = report.Unmatched.Concat(report.External.SelectMany(e => e.Unmatched)).Select(u => $"{u.Kind} {u.Reference}: {u.Problem}");
        Assert.True(report.Balanced, string.Join("; ", unmatched));
        Assert.All(report.Identities, identity => Assert.True(identity.Balanced, identity.Name));
        Assert.Equal(
            [CheckPaidInvoices.Name, StripeTransferReconciliation.Name, CheckStripeUsage.Name],
            report.External.Select(e => e.Name).Order(StringComparer.Ordinal));
        Assert.All(report.External, check =>
        {
            Assert.Null(check.NotChecked);
            Assert.Equal(0, check.UnmatchedCount);
            Assert.All(check.Identities, identity => Assert.True(identity.Balanced, $"{check.Name}: {identity.Name}"));
        });
        var usd = Assert.Single(report.Currencies, c => c.Currency == nameof(Currency.Usd));
        Assert.Equal(usd.DebitsPosted, usd.CreditsPosted);
    }
}
