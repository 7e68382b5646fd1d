using System.Net;
using System.Net.Http.Json;
using GridStream.Domain.Accounts;
using GridStream.Domain.Ledger;
using GridStream.Domain.Payouts;
using GridStream.Server.Payouts;
using Hangfire;
using Hangfire.Storage;
using Microsoft.Extensions.DependencyInjection;
using static GridStream.Server.Tests.Payouts.PayoutsClient;

namespace GridStream.Server.Tests.Payouts;

/// <summary>Payout runs through the real host and database: pending transfers, confirmation, failure, no double payment.</summary>
public sealed class PayoutRunTests(PayoutServerFixture fixture) : IClassFixture<PayoutServerFixture>
{
    private readonly MoneyBooks _books = fixture.Books;

    /// <summary>An owner with sales earning <paramref name="sales"/> × 800,000 micro-credits (price 1,000,000, fee 20%).</summary>
    internal async Task<(HttpClient Client, Guid Id)> OwnerWithSalesAsync(int sales)
    {
        var owner = await _books.UserAsync(Roles.Owner);
        var (_, viewer) = await _books.UserAsync(Roles.Viewer);
        var content = await _books.ContentAsync(owner.Id, "Film of " + owner.Id, 1_000_000);
        for (var i = 0; i < sales; i++)
        {
            await _books.SellAsync(viewer, owner.Id, content, 1_000_000);
        }

        return owner;
    }

    private async Task FundRevenueAsync(long cents)
    {
        var (_, customer) = await _books.UserAsync(Roles.Customer);
        await _books.BillUsageAsync(customer, cents, units: 1);
    }

    [Fact]
    public async Task A_run_puts_due_owners_in_transit_and_confirmation_moves_the_money()
    {
        await FundRevenueAsync(100_000);
        var (ownerClient, owner) = await OwnerWithSalesAsync(sales: 3);
        var (_, small) = await OwnerWithSalesAsync(sales: 1); // 80 cents: below the minimum
        using var admin = await fixture.Server.AdminAsync();
        var revenueBefore = await _books.BalanceAsync(MoneyBooks.Revenue);
        var cashBefore = await _books.BalanceAsync(MoneyBooks.Cash);

        var report = await RunAsync(admin);

        var payout = Of(report, owner);
        Assert.True(report.Ran);
        Assert.DoesNotContain(report.Payouts, p => p.OwnerId == small);
        Assert.Equal((240L, 2_400_000L, "2.40", PayoutState.InTransit, "manual"),
            (payout.Cents, payout.CreditsConvertedMicroCredits, payout.Dollars, payout.State, payout.Gateway));
        Assert.Equal(new AccountBalance(0, 2_400_000, 2_400_000, 0), await _books.BalanceAsync(MoneyBooks.Earnings(owner)));
        Assert.Equal(("Pending", 2_400_000L), Reverse(await _books.TransferAsync($"payout:{payout.Id}:credits")));
        Assert.Equal(("Pending", 240L), Reverse(await _books.TransferAsync($"payout:{payout.Id}:usd")));
        Assert.Equal(revenueBefore.DebitsPending + 240, (await _books.BalanceAsync(MoneyBooks.Revenue)).DebitsPending);
        Assert.Equal(new AccountBalance(0, 800_000, 0, 0), await _books.BalanceAsync(MoneyBooks.Earnings(small)));

        var awaiting = (await admin.GetFromJsonAsync<PayoutPage>("/api/admin/payouts?state=InTransit&pageSize=200"))!;
        Assert.Contains(awaiting.Items, p => p.Id == payout.Id);
        Assert.All(awaiting.Items, p => Assert.Equal(PayoutState.InTransit, p.State));

        var paid = await SettledAsync(await ConfirmAsync(admin, payout.Id, "SEPA-2026-0001"));

        Assert.DoesNotContain((await admin.GetFromJsonAsync<PayoutPage>("/api/admin/payouts?state=intransit&pageSize=200"))!.Items, p => p.Id == payout.Id);
        Assert.Contains((await admin.GetFromJsonAsync<PayoutPage>("/api/admin/payouts?state=Paid&pageSize=200"))!.Items, p => p.Id == payout.Id);

        Assert.Equal((PayoutState.Paid, "SEPA-2026-0001"), (paid.State, paid.ExternalReference));
        Assert.NotNull(paid.SettledAt);
        Assert.Equal(new AccountBalance(2_400_000, 2_400_000, 0, 0), await _books.BalanceAsync(MoneyBooks.Earnings(owner)));
        var revenueAfter = await _books.BalanceAsync(MoneyBooks.Revenue);
        Assert.Equal((revenueBefore.Posted - 240, revenueBefore.DebitsPending), (revenueAfter.Posted, revenueAfter.DebitsPending));
        Assert.Equal(cashBefore.Posted + 240, (await _books.BalanceAsync(MoneyBooks.Cash)).Posted);
        Assert.Equal(("Posted", 2_400_000L), Reverse(await _books.TransferAsync($"payout:{payout.Id}:credits:post")));
        var listed = Assert.Single((await ListAsync(ownerClient)).Items);
        Assert.Equal((payout.Id, PayoutState.Paid), (listed.Id, listed.State));
    }

    [Fact]
    public async Task Confirming_again_is_harmless_and_a_settled_payout_does_not_change_its_mind()
    {
        await FundRevenueAsync(100_000);
        var (_, owner) = await OwnerWithSalesAsync(sales: 2);
        using var admin = await fixture.Server.AdminAsync();
        var payout = Of(await RunAsync(admin), owner);
        await SettledAsync(await ConfirmAsync(admin, payout.Id, "bank-1"));
        var settled = await _books.BalanceAsync(MoneyBooks.Earnings(owner));

        var again = await SettledAsync(await ConfirmAsync(admin, payout.Id, "bank-1"));
        using var otherReference = await ConfirmAsync(admin, payout.Id, "bank-2");
        using var failPaid = await FailAsync(admin, payout.Id, "bounced");

        Assert.Equal(PayoutState.Paid, again.State);
        Assert.Equal(HttpStatusCode.Conflict, otherReference.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, failPaid.StatusCode);
        Assert.Contains("already paid", await failPaid.Content.ReadAsStringAsync());
        Assert.Equal(settled, await _books.BalanceAsync(MoneyBooks.Earnings(owner)));
        // One posting each of the credits and the dollars, however often it was confirmed.
        Assert.Equal(2L, await _books.ScalarAsync<long>("""SELECT count(*) FROM ledger_transfers WHERE "Reference" = $1 AND "State" = 'Posted'""", payout.Id.ToString()));
    }

    [Fact]
    public async Task A_failed_payout_voids_its_transfers_and_the_next_run_pays_the_earnings_again()
    {
        await FundRevenueAsync(100_000);
        var (ownerClient, owner) = await OwnerWithSalesAsync(sales: 2);
        using var admin = await fixture.Server.AdminAsync();
        var revenueBefore = await _books.BalanceAsync(MoneyBooks.Revenue);
        var first = Of(await RunAsync(admin), owner);

        var failed = await SettledAsync(await FailAsync(admin, first.Id, "Account closed"));
        var failedAgain = await SettledAsync(await FailAsync(admin, first.Id, "Account closed"));
        using var confirmFailed = await ConfirmAsync(admin, first.Id, "too late");

        Assert.Equal((PayoutState.Failed, "Account closed"), (failed.State, failed.FailureReason));
        Assert.Equal(PayoutState.Failed, failedAgain.State);
        Assert.Equal(HttpStatusCode.Conflict, confirmFailed.StatusCode);
        Assert.Equal(new AccountBalance(0, 1_600_000, 0, 0), await _books.BalanceAsync(MoneyBooks.Earnings(owner)));
        Assert.Equal(("Voided", 1_600_000L), Reverse(await _books.TransferAsync($"payout:{first.Id}:credits:void")));
        Assert.Equal(revenueBefore, await _books.BalanceAsync(MoneyBooks.Revenue));

        var second = Of(await RunAsync(admin), owner);

        Assert.NotEqual(first.Id, second.Id);
        Assert.Equal(160, second.Cents);
        var statement = await StatementAsync(ownerClient, second.Id);
        Assert.Equal(2, statement.Lines.Count); // the failed payout's sales are the ones this payout pays
        Assert.Equal(0, statement.BroughtForwardMicroCredits);
        Assert.Equal(2, (await ListAsync(ownerClient)).Total);
    }

    [Fact]
    public async Task A_second_run_pays_nothing_twice()
    {
        await FundRevenueAsync(100_000);
        var (_, owner) = await OwnerWithSalesAsync(sales: 2);
        using var admin = await fixture.Server.AdminAsync();
        Of(await RunAsync(admin), owner);

        var second = await RunAsync(admin);

        Assert.True(second.Ran);
        Assert.DoesNotContain(second.Payouts, p => p.OwnerId == owner);
        Assert.Equal(1L, await _books.ScalarAsync<long>("""SELECT count(*) FROM payouts WHERE "OwnerId" = $1""", owner));
    }

    [Fact]
    public async Task Two_runs_at_once_make_one_payout_per_owner()
    {
        await FundRevenueAsync(100_000);
        var owners = new List<Guid>();
        for (var i = 0; i < 3; i++)
        {
            owners.Add((await OwnerWithSalesAsync(sales: 2)).Id);
        }

        using var adminA = await fixture.Server.AdminAsync();
        using var adminB = await fixture.Server.AdminAsync();

        var reports = await Task.WhenAll(RunAsync(adminA), RunAsync(adminB));

        var paid = reports.SelectMany(r => r.Payouts).Where(p => owners.Contains(p.OwnerId)).ToList();
        Assert.Equal(owners.Order(), paid.Select(p => p.OwnerId).Order());
        foreach (var owner in owners)
        {
            Assert.Equal(1L, await _books.ScalarAsync<long>("""SELECT count(*) FROM payouts WHERE "OwnerId" = $1""", owner));
            Assert.Equal(new AccountBalance(0, 1_600_000, 1_600_000, 0), await _books.BalanceAsync(MoneyBooks.Earnings(owner)));
        }
    }

    [Fact]
    public async Task Even_without_the_run_lock_an_owner_s_earnings_are_paid_once()
    {
        await FundRevenueAsync(100_000);
        var (_, owner) = await OwnerWithSalesAsync(sales: 2);
        var run = fixture.Server.Services.GetRequiredService<RunPayouts>();
        var policy = new PayoutPolicy(MicroCreditsPerCent: 10_000, MinimumCents: 100);

        var attempts = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ =>
            Task.Run(() => run.PayOwnerAsync(owner, policy, DateTimeOffset.UtcNow, CancellationToken.None))));

        var paid = Assert.Single(attempts, a => a.Payout is not null);
        Assert.Equal(160, paid.Payout!.Cents);
        Assert.All(attempts.Where(a => a.Payout is null), a => Assert.Contains("Nothing is outstanding", a.Reason));
        Assert.Equal(1L, await _books.ScalarAsync<long>("""SELECT count(*) FROM payouts WHERE "OwnerId" = $1""", owner));
        Assert.Equal(new AccountBalance(0, 1_600_000, 1_600_000, 0), await _books.BalanceAsync(MoneyBooks.Earnings(owner)));
    }

    [Fact]
    public async Task The_recurring_job_is_scheduled_daily_and_pays_like_an_admin_s_run()
    {
        await FundRevenueAsync(100_000);
        var (_, owner) = await OwnerWithSalesAsync(sales: 2);
        var storage = fixture.Server.Services.GetRequiredService<JobStorage>();
        using (var connection = storage.GetConnection())
        {
            var job = Assert.Single(connection.GetRecurringJobs(), j => j.Id == PayoutRunJob.RecurringJobId);
            Assert.Equal("0 0 * * *", job.Cron);
        }

        fixture.Server.Services.GetRequiredService<IRecurringJobManager>().Trigger(PayoutRunJob.RecurringJobId);

        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (await _books.ScalarAsync<long>("""SELECT count(*) FROM payouts WHERE "OwnerId" = $1""", owner) == 0)
        {
            Assert.True(DateTime.UtcNow < deadline, "The triggered payout run paid nobody within two minutes.");
            await Task.Delay(250);
        }

        Assert.Equal(new AccountBalance(0, 1_600_000, 1_600_000, 0), await _books.BalanceAsync(MoneyBooks.Earnings(owner)));
    }

    [Fact]
    public async Task Settling_needs_an_admin_a_known_payout_and_readable_text()
    {
        var (ownerClient, _) = await OwnerWithSalesAsync(sales: 0);
        using var admin = await fixture.Server.AdminAsync();

        using var ownerRuns = await ownerClient.PostAsync("/api/admin/payouts/run", null);
        using var unknown = await ConfirmAsync(admin, Guid.NewGuid(), "ref");
        using var noReference = await ConfirmAsync(admin, Guid.NewGuid(), "  ");
        using var noReason = await FailAsync(admin, Guid.NewGuid(), null);
        using var anonymous = await fixture.Server.Anonymous().PostAsync("/api/admin/payouts/run", null);
        using var badState = await admin.GetAsync("/api/admin/payouts?state=Lost");

        Assert.Equal(HttpStatusCode.Forbidden, ownerRuns.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, noReference.StatusCode);
        Assert.Contains("externalReference", await noReference.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badState.StatusCode);
        Assert.Contains("InTransit, Paid, Failed", await badState.Content.ReadAsStringAsync());
    }

    private static (string State, long Amount) Reverse((long Amount, string State)? transfer)
    {
        Assert.NotNull(transfer);
        return (transfer.Value.State, transfer.Value.Amount);
    }
}
