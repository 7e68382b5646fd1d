using System.Net;
using System.Net.Http.Json;
using GridStream.Domain.Accounts;
using GridStream.Server.Payouts;
using GridStream.Server.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc;

namespace GridStream.Server.Tests.Payouts;

/// <summary>Without Stripe settings: the owner's Stripe endpoints say so, payouts stay manual, the transfer check is not run.</summary>
public sealed class OfflineStripeConnectTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    [Fact]
    public async Task Owner_stripe_endpoints_answer_503_not_configured()
    {
        using var owner = await fixture.Server.SignedUpAsync(Roles.Owner);

        foreach (var response in new[] { await owner.GetAsync("/api/owner/stripe"), await owner.PostAsync("/api/owner/stripe/onboarding", null) })
        {
            using (response)
            {
                Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
                var problem = await response.Content.ReadFromJsonAsync<ProblemDetails>();
                Assert.Equal("Stripe is not configured", problem!.Title);
            }
        }
    }

    [Fact]
    public async Task Payouts_use_the_manual_gateway_and_the_transfer_reconciliation_is_not_checked()
    {
        var books = new MoneyBooks(fixture.Server);
        var (_, customer) = await books.UserAsync(Roles.Customer);
        await books.BillUsageAsync(customer, centsPerUnit: 1_000, units: 1);
        var (_, viewer) = await books.UserAsync(Roles.Viewer);
        var (_, owner) = await books.UserAsync(Roles.Owner);
        var film = await books.ContentAsync(owner, "Film", 1_000_000);
        await books.SellAsync(viewer, owner, film, 1_000_000);
        await books.SellAsync(viewer, owner, film, 1_000_000);
        using var admin = await fixture.Server.AdminAsync();

        var payout = PayoutsClient.Of(await PayoutsClient.RunAsync(admin), owner);
        var report = (await admin.GetFromJsonAsync<ReconciliationReport>("/api/admin/reconciliation"))!;

        Assert.Equal("manual", payout.Gateway);
        var transfers = Assert.Single(report.External, e => e.Name == StripeTransferReconciliation.Name);
        Assert.Contains("not configured", transfers.NotChecked);
        Assert.Empty(transfers.Identities);
    }
}
