using System.Net;
using Stripe;

namespace GridStream.Testing.FakeStripeTests;

/// <summary>GET /v1/transfers as the transfer reconciliation reads it: newest first, in pages, optionally one group.</summary>
public sealed class TransferListTests : FakeStripeTestBase
{
    [Fact]
    public async Task Transfers_are_listed_newest_first_in_pages_that_auto_paging_walks_to_the_end()
    {
        var account = await OnboardedAccountAsync();
        Stripe.AddAvailableBalance(10_000);
        var made = new List<string>();
        for (var i = 1; i <= 5; i++)
        {
            made.Add((await Client.V1.Transfers.CreateAsync(new TransferCreateOptions
            {
                Amount = i, Currency = "usd", Destination = account.Id, TransferGroup = i % 2 == 0 ? "even" : "odd",
            })).Id);
        }

        var first = await Client.V1.Transfers.ListAsync(new TransferListOptions { Limit = 2 });
        var second = await Client.V1.Transfers.ListAsync(new TransferListOptions { Limit = 2, StartingAfter = first.Data[^1].Id });
        var all = new List<string>();
        await foreach (var transfer in Client.V1.Transfers.ListAutoPagingAsync(new TransferListOptions { Limit = 2 }))
        {
            all.Add(transfer.Id);
        }

        Assert.Equal([made[4], made[3]], first.Data.Select(t => t.Id));
        Assert.True(first.HasMore);
        Assert.Equal([made[2], made[1]], second.Data.Select(t => t.Id));
        Assert.Equal(Enumerable.Reverse(made), all);
        var odd = await Client.V1.Transfers.ListAsync(new TransferListOptions { TransferGroup = "odd", Limit = 100 });
        Assert.Equal([made[4], made[2], made[0]], odd.Data.Select(t => t.Id));
        Assert.False(odd.HasMore);
    }

    [Fact]
    public async Task A_limit_outside_1_to_100_or_an_unknown_cursor_is_refused()
    {
        var tooMany = await Refused(() => Client.V1.Transfers.ListAsync(new TransferListOptions { Limit = 101 }));
        var unknown = await Refused(() => Client.V1.Transfers.ListAsync(new TransferListOptions { StartingAfter = "tr_missing" }));

        Assert.Equal((HttpStatusCode.BadRequest, "limit"), (tooMany.HttpStatusCode, tooMany.StripeError.Param));
        Assert.Equal("starting_after", unknown.StripeError.Param);
    }

    [Fact]
    public async Task A_reversed_transfer_is_listed_with_its_reversed_amount()
    {
        var account = await OnboardedAccountAsync();
        Stripe.AddAvailableBalance(500);
        var transfer = await Client.V1.Transfers.CreateAsync(new TransferCreateOptions { Amount = 500, Currency = "usd", Destination = account.Id });

        Stripe.FailTransfer(transfer.Id);

        var listed = Assert.Single((await Client.V1.Transfers.ListAsync()).Data);
        Assert.Equal((500L, true, account.Id), (listed.AmountReversed, listed.Reversed, listed.DestinationId));
        Assert.Equal(500, Stripe.AvailableBalance());
    }
}
