using System.Net;
using System.Net.Http.Json;
using GridStream.Domain.Accounts;
using GridStream.Domain.Ledger;
using GridStream.Domain.Payouts;
using GridStream.Server.Payouts;
using GridStream.Server.Tests.Billing;
using static GridStream.Server.Tests.Payouts.PayoutsClient;

namespace GridStream.Server.Tests.Payouts;

/// <summary>
/// Payouts through Stripe Connect against the local Stripe, with its faults on: onboarding, one transfer per payout
/// whatever fails on the way, transfer webhooks duplicated, reordered, forged and stale, reversals, the reconciliation.
/// </summary>
public sealed class StripePayoutTests : IClassFixture<StripeServerFixture>
{
    private const long EarnedMicroCredits = 1_600_000;
    private const long PayoutCents = 160;

    private readonly StripeServerFixture _fixture;
    private readonly StripeConnectSteps _steps;

    public StripePayoutTests(StripeServerFixture fixture)
    {
        _fixture = fixture;
        _steps = new StripeConnectSteps(fixture);
        _steps.DeliverWebhooks();
    }

    [Fact]
    public async Task Onboarding_creates_one_account_and_account_updated_makes_the_owner_ready()
    {
        var (owner, ownerId) = await _steps.Books.UserAsync(Roles.Owner);
        var before = await StripeConnectSteps.AccountAsync(owner);
        Assert.False(before.Connected);

        var first = await StripeConnectSteps.OnboardAsync(owner);
        var second = await StripeConnectSteps.OnboardAsync(owner);

        Assert.Equal(first.AccountId, second.AccountId);
        Assert.Contains(first.AccountId, first.Url);
        var account = Assert.Single(_steps.Stripe.Accounts, a => a.Metadata.GetValueOrDefault("gridstream_owner_id") == ownerId.ToString("D"));
        Assert.Equal(("express", true), (account.Type, account.TransfersRequested));
        var pending = await StripeConnectSteps.AccountAsync(owner);
        Assert.Equal((true, first.AccountId, false), (pending.Connected, pending.AccountId, pending.PayoutsReady));
        Assert.Contains("external_account", pending.CurrentlyDue);

        _steps.Stripe.EnablePayouts(first.AccountId);
        await StripeConnectSteps.UntilAsync(async () => (await StripeConnectSteps.AccountAsync(owner)).PayoutsReady, "account.updated");

        var ready = await StripeConnectSteps.AccountAsync(owner);
        Assert.Equal((true, true, null), (ready.PayoutsEnabled, ready.TransfersActive, ready.NotReadyReason));
        Assert.Empty(ready.CurrentlyDue);
        var viewer = (await _steps.Books.UserAsync(Roles.Viewer)).Client;
        using var refused = await viewer.PostAsync("/api/owner/stripe/onboarding", null);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
    }

    [Fact]
    public async Task Faults_on_the_way_still_make_one_transfer_per_payout_and_transfer_webhooks_pay_it_once()
    {
        var ready = new[] { await _steps.ReadyOwnerWithSalesAsync(), await _steps.ReadyOwnerWithSalesAsync() };
        var (unconnected, unconnectedId) = await _steps.OwnerWithSalesAsync();
        var (pendingOwner, pendingId) = await _steps.OwnerWithSalesAsync();
        await StripeConnectSteps.OnboardAsync(pendingOwner);
        _steps.Stripe.AddAvailableBalance(10_000);
        _steps.Stripe.Faults.InjectServerError("/v1/transfers", count: 2, method: "POST");
        _steps.Stripe.Faults.DropResponseAfterCommit("/v1/transfers", count: 1);
        var webhooks = _steps.Stripe.Webhooks;
        webhooks.DeliverEachTwice = true;
        webhooks.Hold();
        using var admin = await _fixture.Server.AdminAsync();

        var requestsBefore = _steps.Stripe.Requests.Count;
        var report = await RunAsync(admin);

        Assert.Equal(0, _steps.Stripe.Faults.Pending);
        var posts = _steps.Stripe.Requests.Skip(requestsBefore).Where(r => r.Method == "POST" && r.Path == "/v1/transfers").ToList();
        // Two 500s and one lost answer, each retried (how often exactly is Stripe.net's business), only ever under the payout's key.
        Assert.True(posts.Count >= 2 + 1 + 2, $"{posts.Count} requests");
        Assert.Equal(PayoutKeysOf(report), posts.Select(r => r.IdempotencyKey).Distinct().Order());
        Assert.Contains(posts, r => r.Replayed);
        Assert.Contains("not connected", Assert.Single(report.Skipped, s => s.OwnerId == unconnectedId).Reason);
        Assert.Contains("not ready", Assert.Single(report.Skipped, s => s.OwnerId == pendingId).Reason);
        var payouts = ready.Select(owner => Of(report, owner.Id)).ToList();
        foreach (var (payout, owner) in payouts.Zip(ready))
        {
            Assert.Equal((PayoutState.InTransit, "stripe", PayoutCents), (payout.State, payout.Gateway, payout.Cents));
            var transfer = Assert.Single(_steps.TransfersOf(payout.Id));
            Assert.Equal((transfer.Id, PayoutCents, owner.AccountId, payout.Id.ToString("D")),
                (payout.StripeTransferId, transfer.Amount, transfer.Destination, transfer.IdempotencyKey));
        }

        var created = _steps.Stripe.Events.Where(e => e.Type == "transfer.created" && payouts.Any(p => _steps.TransfersOf(p.Id)[0].Id == e.ObjectId)).ToList();
        Assert.Equal(2, created.Count);
        webhooks.Release(newestFirst: true);
        await webhooks.WaitUntilIdleAsync(StripeConnectSteps.Patience);
        webhooks.DeliverEachTwice = false;
        webhooks.MaxAttempts = 1;
        webhooks.ForgeSignatures = true;
        webhooks.Resend(created[0].Id);
        await webhooks.WaitUntilIdleAsync(StripeConnectSteps.Patience);
        webhooks.ForgeSignatures = false;
        webhooks.SignatureAge = TimeSpan.FromMinutes(10);
        webhooks.Resend(created[1].Id);
        await webhooks.WaitUntilIdleAsync(StripeConnectSteps.Patience);
        webhooks.SignatureAge = null;
        webhooks.MaxAttempts = 4;

        var refused = webhooks.Deliveries.Where(d => created.Any(e => e.Id == d.EventId) && !d.Succeeded).ToList();
        Assert.Equal(2, refused.Count);
        Assert.All(refused, d => Assert.Equal((int)HttpStatusCode.BadRequest, d.StatusCode));
        foreach (var (payout, owner) in payouts.Zip(ready))
        {
            var paid = await _steps.PayoutAsync(admin, payout.Id);
            Assert.Equal((PayoutState.Paid, payout.StripeTransferId), (paid.State, paid.ExternalReference));
            Assert.Equal(new AccountBalance(EarnedMicroCredits, EarnedMicroCredits, 0, 0), await _steps.Books.BalanceAsync(MoneyBooks.Earnings(owner.Id)));
            Assert.Equal(1L, await _steps.Books.ScalarAsync<long>(
                """SELECT count(*) FROM ledger_transfers WHERE "PendingTransferId" IS NOT NULL AND "Reference" = $1 AND "Kind" = 'payout.credits'""",
                payout.Id.ToString("D")));
        }

        await AssertReconciledAsync(admin);
    }

    [Fact]
    public async Task A_failed_bank_transfer_reverses_the_paid_payout_once_and_its_credits_are_outstanding_again()
    {
        var owner = await _steps.ReadyOwnerWithSalesAsync();
        _steps.Stripe.AddAvailableBalance(PayoutCents);
        using var admin = await _fixture.Server.AdminAsync();
        var payout = Of(await RunAsync(admin), owner.Id);
        await StripeConnectSteps.UntilAsync(async () => (await _steps.PayoutAsync(admin, payout.Id)).State == PayoutState.Paid, "transfer.created");

        _steps.Stripe.Webhooks.DeliverEachTwice = true;
        _steps.Stripe.FailTransfer(payout.StripeTransferId!);
        await _steps.Stripe.Webhooks.WaitUntilIdleAsync(StripeConnectSteps.Patience);
        _steps.Stripe.Webhooks.DeliverEachTwice = false;

        var reversed = await _steps.PayoutAsync(admin, payout.Id);
        Assert.Equal(PayoutState.Failed, reversed.State);
        Assert.StartsWith("Reversed by Stripe", reversed.FailureReason);
        Assert.Equal(new AccountBalance(EarnedMicroCredits, 2 * EarnedMicroCredits, 0, 0), await _steps.Books.BalanceAsync(MoneyBooks.Earnings(owner.Id)));
        Assert.Equal(2L, await _steps.Books.ScalarAsync<long>(
            """SELECT count(*) FROM ledger_transfers WHERE "Reference" = $1 AND "Kind" IN ('payout.credits.reversed', 'payout.usd.reversed')""",
            payout.Id.ToString("D")));

        // The credits are outstanding again, so the next run pays them in a new payout with a new transfer.
        _steps.Stripe.AddAvailableBalance(PayoutCents);
        var again = Of(await RunAsync(admin), owner.Id);
        Assert.NotEqual(payout.Id, again.Id);
        Assert.Equal(PayoutCents, again.Cents);
        await StripeConnectSteps.UntilAsync(async () => (await _steps.PayoutAsync(admin, again.Id)).State == PayoutState.Paid, "the second payout");
        await AssertReconciledAsync(admin);
    }

    [Fact]
    public async Task Reversed_delivered_before_created_ends_with_the_payout_failed_and_created_changes_nothing()
    {
        var owner = await _steps.ReadyOwnerWithSalesAsync();
        _steps.Stripe.AddAvailableBalance(PayoutCents);
        using var admin = await _fixture.Server.AdminAsync();
        var webhooks = _steps.Stripe.Webhooks;
        webhooks.Hold();
        var payout = Of(await RunAsync(admin), owner.Id);
        _steps.Stripe.FailTransfer(payout.StripeTransferId!);
        webhooks.Release(newestFirst: true);
        await webhooks.WaitUntilIdleAsync(StripeConnectSteps.Patience);

        var failed = await _steps.PayoutAsync(admin, payout.Id);
        Assert.Equal(PayoutState.Failed, failed.State);
        Assert.Contains("reversed transfer", failed.FailureReason);
        Assert.Equal(new AccountBalance(0, EarnedMicroCredits, 0, 0), await _steps.Books.BalanceAsync(MoneyBooks.Earnings(owner.Id)));
        var effects = await _steps.Books.ScalarAsync<string>(
            """SELECT string_agg("Type" || ': ' || "Effect", ' | ' ORDER BY "ReceivedAt") FROM stripe_webhook_events WHERE "ObjectId" = $1""",
            payout.StripeTransferId!);
        Assert.Contains("transfer.created: The payout already failed", effects);
        await AssertReconciledAsync(admin);
    }

    [Fact]
    public async Task A_payout_committed_but_never_handed_to_Stripe_is_sent_by_the_next_run_as_one_transfer()
    {
        var owner = await _steps.ReadyOwnerWithSalesAsync();
        _steps.Stripe.AddAvailableBalance(PayoutCents);
        using var admin = await _fixture.Server.AdminAsync();
        // More lost answers than Stripe.net retries: the transfer is made at Stripe, but the run never learns it.
        _steps.Stripe.Faults.DropResponseAfterCommit("/v1/transfers", count: 10);
        _steps.Stripe.Webhooks.Hold();

        var first = Of(await RunAsync(admin), owner.Id);

        _steps.Stripe.Faults.Clear();
        Assert.Equal((PayoutState.InTransit, null), (first.State, first.StripeTransferId));
        var made = Assert.Single(_steps.TransfersOf(first.Id));
        var second = await RunAsync(admin);

        var resent = Of(second, owner.Id);
        Assert.Equal((first.Id, made.Id), (resent.Id, resent.StripeTransferId));
        Assert.Single(_steps.TransfersOf(first.Id));
        _steps.Stripe.Webhooks.Release();
        await StripeConnectSteps.UntilAsync(async () => (await _steps.PayoutAsync(admin, first.Id)).State == PayoutState.Paid, "transfer.created");
        var third = await RunAsync(admin);
        Assert.DoesNotContain(third.Payouts, p => p.OwnerId == owner.Id);
        await AssertReconciledAsync(admin);
    }

    [Fact]
    public async Task Insufficient_Stripe_balance_fails_the_payout_and_leaves_the_credits_outstanding()
    {
        var owner = await _steps.ReadyOwnerWithSalesAsync();
        using var admin = await _fixture.Server.AdminAsync();
        var drained = _steps.Stripe.AvailableBalance();
        _steps.Stripe.AddAvailableBalance(-drained);

        var payout = Of(await RunAsync(admin), owner.Id);

        Assert.Equal(PayoutState.Failed, payout.State);
        Assert.Contains("insufficient available funds", payout.FailureReason);
        Assert.Empty(_steps.TransfersOf(payout.Id));
        Assert.Equal(new AccountBalance(0, EarnedMicroCredits, 0, 0), await _steps.Books.BalanceAsync(MoneyBooks.Earnings(owner.Id)));
        _steps.Stripe.AddAvailableBalance(drained);
    }

    private static IEnumerable<string?> PayoutKeysOf(PayoutRunReport report) =>
        report.Payouts.Where(p => p.Gateway == "stripe").Select(p => (string?)p.Id.ToString("D")).Order();

    private static async Task AssertReconciledAsync(HttpClient admin)
    {
        var report = (await admin.GetFromJsonAsync<ReconciliationReport>("/api/admin/reconciliation"))!;
        Assert.All(report.Identities, identity => Assert.True(identity.Balanced, identity.Name));
        Assert.Equal(0, report.UnmatchedCount);
        var transfers = Assert.Single(report.External, e => e.Name == StripeTransferReconciliation.Name);
        Assert.Null(transfers.NotChecked);
        Assert.True(transfers.Identities.Single().Balanced, string.Join("; ", transfers.Identities.Single().Sides.Select(s => $"{s.Label} {s.Total}")));
        Assert.Equal(0, transfers.UnmatchedCount);
    }
}
