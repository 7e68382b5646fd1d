using System.Net.Http.Json;
using GridStream.Domain.Payouts;
using GridStream.Server.Payouts;
using GridStream.Server.Tests.Billing;
using Stripe;
using static GridStream.Server.Tests.Payouts.PayoutsClient;

namespace GridStream.Server.Tests.Payouts;

/// <summary>The "stripe transfers" check finds what does not match: a transfer nobody asked for, a payout without one.</summary>
public sealed class StripeTransferReconciliationTests : IClassFixture<StripeServerFixture>
{
    private readonly StripeServerFixture _fixture;
    private readonly StripeConnectSteps _steps;

    public StripeTransferReconciliationTests(StripeServerFixture fixture)
    {
        _fixture = fixture;
        _steps = new StripeConnectSteps(fixture);
        _steps.DeliverWebhooks();
    }

    [Fact]
    public async Task A_stray_transfer_and_a_payout_without_a_transfer_are_listed_until_put_right()
    {
        var owner = await _steps.ReadyOwnerWithSalesAsync();
        _steps.Stripe.AddAvailableBalance(1_000);
        using var admin = await _fixture.Server.AdminAsync();
        _steps.Stripe.Faults.InjectServerError("/v1/transfers", count: 10, method: "POST");
        var unsent = Of(await RunAsync(admin), owner.Id);
        _steps.Stripe.Faults.Clear();
        var stray = await _steps.Stripe.CreateClient().V1.Transfers.CreateAsync(new TransferCreateOptions
        {
            Amount = 42, Currency = "usd", Destination = owner.AccountId, TransferGroup = "made-by-hand",
        });

        var check = await CheckAsync(admin);

        Assert.Equal(PayoutState.InTransit, unsent.State);
        Assert.Equal(2, check.UnmatchedCount);
        Assert.Contains(check.Unmatched, row => (row.Kind, row.Reference) == ("stripe-transfer-without-payout", stray.Id));
        Assert.Contains(check.Unmatched, row => (row.Kind, row.Reference) == ("stripe-payout-without-transfer", unsent.Id.ToString("D")));
        Assert.False(check.Identities.Single().Balanced);

        await RunAsync(admin);
        await StripeConnectSteps.UntilAsync(async () => (await _steps.PayoutAsync(admin, unsent.Id)).State == PayoutState.Paid, "the re-sent payout");
        await _steps.Stripe.CreateClient().V1.Transfers.Reversals.CreateAsync(stray.Id, new TransferReversalCreateOptions());
        await _steps.Stripe.Webhooks.WaitUntilIdleAsync(StripeConnectSteps.Patience);

        var after = await CheckAsync(admin);
        var only = Assert.Single(after.Unmatched);
        Assert.Equal(("stripe-transfer-without-payout", stray.Id), (only.Kind, only.Reference));
        Assert.True(after.Identities.Single().Balanced);
    }

    private static async Task<ExternalReconciliation> CheckAsync(HttpClient admin)
    {
        var report = (await admin.GetFromJsonAsync<ReconciliationReport>("/api/admin/reconciliation"))!;
        return Assert.Single(report.External, e => e.Name == StripeTransferReconciliation.Name);
    }
}
