using System.Net;
using Stripe;

namespace GridStream.Testing.FakeStripeTests;

public sealed class TransferTests : FakeStripeTestBase
{
    [Fact]
    public async Task A_transfer_larger_than_the_available_balance_is_refused()
    {
        var account = await OnboardedAccountAsync();
        Stripe.AddAvailableBalance(999);

        var refusal = await Refused(() => Client.V1.Transfers.CreateAsync(
            new TransferCreateOptions { Amount = 1_000, Currency = "usd", Destination = account.Id }));

        Assert.Equal(HttpStatusCode.BadRequest, refusal.HttpStatusCode);
        Assert.Equal("balance_insufficient", refusal.StripeError.Code);
        Assert.Empty(Stripe.Transfers);
        Assert.Equal(999, Stripe.AvailableBalance());
    }

    [Fact]
    public async Task A_transfer_moves_available_balance_and_is_listed_by_transfer_group()
    {
        var account = await OnboardedAccountAsync();
        Stripe.AddAvailableBalance(10_000);

        var transfer = await Client.V1.Transfers.CreateAsync(new TransferCreateOptions
        {
            Amount = 2_500,
            Currency = "usd",
            Destination = account.Id,
            TransferGroup = "payout-run-7",
            Metadata = new Dictionary<string, string> { ["payout_id"] = "p-1" },
        }, new RequestOptions { IdempotencyKey = "p-1" });
        await Client.V1.Transfers.CreateAsync(
            new TransferCreateOptions { Amount = 100, Currency = "usd", Destination = account.Id, TransferGroup = "other" });

        var balance = await Client.V1.Balance.GetAsync();
        Assert.Equal(10_000 - 2_600, Assert.Single(balance.Available, a => a.Currency == "usd").Amount);
        var group = await Client.V1.Transfers.ListAsync(new TransferListOptions { TransferGroup = "payout-run-7" });
        var listed = Assert.Single(group.Data);
        Assert.Equal((transfer.Id, 2_500L, "p-1"), (listed.Id, listed.Amount, listed.Metadata["payout_id"]));
        Assert.Equal("p-1", Stripe.Transfers.Single(t => t.Id == transfer.Id).IdempotencyKey);
    }

    [Fact]
    public async Task Transfers_need_a_positive_usd_amount_and_an_onboarded_account()
    {
        Stripe.AddAvailableBalance(10_000);
        var pending = await Client.V1.Accounts.CreateAsync(new AccountCreateOptions
        {
            Type = "custom",
            Country = "US",
            Capabilities = new AccountCapabilitiesOptions
            {
                Transfers = new AccountCapabilitiesTransfersOptions { Requested = true },
            },
        });

        var notOnboarded = await Refused(() => Client.V1.Transfers.CreateAsync(
            new TransferCreateOptions { Amount = 100, Currency = "usd", Destination = pending.Id }));
        var noSuchAccount = await Refused(() => Client.V1.Transfers.CreateAsync(
            new TransferCreateOptions { Amount = 100, Currency = "usd", Destination = "acct_missing" }));
        var negative = await Refused(() => Client.V1.Transfers.CreateAsync(
            new TransferCreateOptions { Amount = -5, Currency = "usd", Destination = pending.Id }));
        var euros = await Refused(() => Client.V1.Transfers.CreateAsync(
            new TransferCreateOptions { Amount = 100, Currency = "eur", Destination = pending.Id }));

        Assert.Equal("insufficient_capabilities_for_transfer", notOnboarded.StripeError.Code);
        Assert.Equal(("resource_missing", "destination"), (noSuchAccount.StripeError.Code, noSuchAccount.StripeError.Param));
        Assert.Equal("amount", negative.StripeError.Param);
        Assert.Equal("currency", euros.StripeError.Param);
        Assert.Empty(Stripe.Transfers);
    }

    [Fact]
    public async Task A_reversal_returns_the_money_and_a_failed_transfer_is_reversed_in_full()
    {
        var account = await OnboardedAccountAsync();
        Stripe.AddAvailableBalance(1_000);
        var first = await Client.V1.Transfers.CreateAsync(
            new TransferCreateOptions { Amount = 600, Currency = "usd", Destination = account.Id });
        var second = await Client.V1.Transfers.CreateAsync(
            new TransferCreateOptions { Amount = 400, Currency = "usd", Destination = account.Id });

        var reversal = await Client.V1.Transfers.Reversals.CreateAsync(first.Id,
            new TransferReversalCreateOptions { Amount = 200 });
        var failed = Stripe.FailTransfer(second.Id);

        Assert.Equal(200, reversal.Amount);
        Assert.True(failed.Reversed);
        Assert.Equal(600, Stripe.AvailableBalance());
        var fetched = await Client.V1.Transfers.GetAsync(first.Id);
        Assert.Equal(200, fetched.AmountReversed);
        Assert.Equal(2, Stripe.Events.Count(e => e.Type == "transfer.reversed"));
        var tooMuch = await Refused(() => Client.V1.Transfers.Reversals.CreateAsync(first.Id,
            new TransferReversalCreateOptions { Amount = 401 }));
        Assert.Equal("amount", tooMuch.StripeError.Param);
    }

    [Fact]
    public async Task An_account_link_completes_onboarding_when_opened()
    {
        var account = await Client.V1.Accounts.CreateAsync(new AccountCreateOptions
        {
            Type = "express",
            Capabilities = new AccountCapabilitiesOptions
            {
                Transfers = new AccountCapabilitiesTransfersOptions { Requested = true },
            },
        });
        Assert.False(account.PayoutsEnabled);
        var link = await Client.V1.AccountLinks.CreateAsync(new AccountLinkCreateOptions
        {
            Account = account.Id,
            Type = "account_onboarding",
            RefreshUrl = "https://gridstream.example/owner/stripe/refresh",
            ReturnUrl = "https://gridstream.example/owner/stripe/return",
        });

        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        using var opened = await http.GetAsync(new Uri(link.Url));

        Assert.Equal(HttpStatusCode.Redirect, opened.StatusCode);
        Assert.Equal("https://gridstream.example/owner/stripe/return", opened.Headers.Location!.ToString());
        var after = await Client.V1.Accounts.GetAsync(account.Id);
        Assert.True(after.PayoutsEnabled);
        Assert.Equal("active", after.Capabilities.Transfers);
        Assert.Contains(Stripe.Events, e => e.Type == "account.updated" && e.ObjectId == account.Id);
    }
}
