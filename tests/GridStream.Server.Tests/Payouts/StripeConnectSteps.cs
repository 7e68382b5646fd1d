using System.Net;
using System.Net.Http.Json;
using GridStream.Domain.Accounts;
using GridStream.Server.Payouts;
using GridStream.Server.Tests.Billing;
using GridStream.Testing;

namespace GridStream.Server.Tests.Payouts;

/// <summary>What the Stripe payout tests do again and again: owners with sales, onboarding, waiting for webhooks.</summary>
internal sealed class StripeConnectSteps(StripeServerFixture fixture)
{
    public const string WebhookPath = "/api/billing/stripe/webhook";

    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    public MoneyBooks Books { get; } = new(fixture.Server);

    public FakeStripe Stripe => fixture.Stripe;

    /// <summary>
    /// Webhooks to this server, with the local Stripe's switches back at their defaults: tests of one class share it,
    /// and a test that failed half-way must not leave events held or signatures forged for the next.
    /// </summary>
    public void DeliverWebhooks()
    {
        var webhooks = Stripe.Webhooks;
        webhooks.DeliverTo(new Uri(fixture.Server.Address, WebhookPath));
        webhooks.DeliverEachTwice = false;
        webhooks.ForgeSignatures = false;
        webhooks.SignatureAge = null;
        webhooks.MaxAttempts = 4;
        webhooks.Release(newestFirst: false);
        Stripe.Faults.Clear();
    }

    /// <summary>An owner with two sales of 1,000,000 µcr (1,600,000 µcr earned = 160 cents), and enough revenue to pay them.</summary>
    public async Task<(HttpClient Client, Guid Id)> OwnerWithSalesAsync()
    {
        var (_, customer) = await Books.UserAsync(Roles.Customer);
        await Books.BillUsageAsync(customer, centsPerUnit: 1_000, units: 1);
        var (_, viewer) = await Books.UserAsync(Roles.Viewer);
        var owner = await Books.UserAsync(Roles.Owner);
        var film = await Books.ContentAsync(owner.Id, "Film", 1_000_000);
        await Books.SellAsync(viewer, owner.Id, film, 1_000_000);
        await Books.SellAsync(viewer, owner.Id, film, 1_000_000);
        return owner;
    }

    public static async Task<StripeOnboardingLink> OnboardAsync(HttpClient owner)
    {
        using var response = await owner.PostAsync("/api/owner/stripe/onboarding", null);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<StripeOnboardingLink>())!;
    }

    public static async Task<OwnerStripeAccount> AccountAsync(HttpClient owner) =>
        (await owner.GetFromJsonAsync<OwnerStripeAccount>("/api/owner/stripe"))!;

    /// <summary>Onboarding finished at Stripe, account.updated delivered, the owner ready.</summary>
    public async Task<(HttpClient Client, Guid Id, string AccountId)> ReadyOwnerWithSalesAsync()
    {
        var (client, id) = await OwnerWithSalesAsync();
        var link = await OnboardAsync(client);
        Stripe.EnablePayouts(link.AccountId);
        await UntilAsync(async () => (await AccountAsync(client)).PayoutsReady, "the owner's account to become ready");
        return (client, id, link.AccountId);
    }

    /// <summary>Polls until the condition holds; fails with what it waited for after a generous time.</summary>
    public static async Task UntilAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"Timed out waiting for {what}.");
            await Task.Delay(100);
        }
    }

    public async Task<PayoutView> PayoutAsync(HttpClient admin, Guid payoutId)
    {
        var page = await admin.GetFromJsonAsync<PayoutPage>("/api/admin/payouts?pageSize=200");
        return Assert.Single(page!.Items, p => p.Id == payoutId);
    }

    public IReadOnlyList<FakeTransfer> TransfersOf(Guid payoutId) =>
        [.. Stripe.Transfers.Where(t => t.TransferGroup == payoutId.ToString("D"))];
}
