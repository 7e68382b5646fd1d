using GridStream.Domain.Ledger;
using static GridStream.Server.Tests.Ledger.Transfers;

namespace GridStream.Server.Tests.Ledger;

public sealed class LedgerConcurrencyTests(LedgerDatabase ledger) : IClassFixture<LedgerDatabase>
{
    [Fact]
    public async Task Parallel_purchases_from_one_wallet_never_take_it_below_zero()
    {
        const long price = 300;
        var wallet = await ledger.FundedWalletAsync(10 * price + 299);

        var results = await Task.WhenAll(Enumerable.Range(0, 40).Select(_ => Task.Run(async () =>
            Assert.Single(await ledger.PostAsync(Spend(wallet, price))))));

        Assert.Equal(10, results.Count(r => r.Outcome == TransferOutcome.Posted));
        Assert.Equal(30, results.Count(r => r.Outcome == TransferOutcome.InsufficientFunds));
        Assert.Equal(299, (await ledger.BalanceAsync(wallet)).Posted);
    }

    [Fact]
    public async Task Parallel_pending_purchases_reserve_no_more_than_the_wallet_holds()
    {
        var wallet = await ledger.FundedWalletAsync(1_000);

        var results = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Task.Run(async () =>
            Assert.Single(await ledger.PostAsync(Spend(wallet, 150, pending: true))))));

        Assert.Equal(6, results.Count(r => r.Outcome == TransferOutcome.PendingCreated));
        Assert.Equal(new AccountBalance(0, 1_000, 900, 0), await ledger.BalanceAsync(wallet));
    }

    [Fact]
    public async Task One_key_posted_from_ten_tasks_moves_the_money_once()
    {
        var wallet = AccountRef.Of(Guid.NewGuid(), AccountPurpose.Wallet, Currency.Credits);
        var issue = Issue(wallet, 777);

        var results = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => Task.Run(async () => Assert.Single(await ledger.PostAsync(issue)))));

        Assert.Single(results, r => r.Outcome == TransferOutcome.Posted);
        Assert.Equal(9, results.Count(r => r.Outcome == TransferOutcome.AlreadyDone));
        Assert.Single(results.Select(r => r.TransferId).Distinct());
        Assert.Equal(777, (await ledger.BalanceAsync(wallet)).Posted);
    }

    [Fact]
    public async Task One_key_on_disjoint_accounts_from_ten_tasks_is_written_once_and_the_rest_are_told_it_clashes()
    {
        // No account in common, so nothing queues the ten: the unique key alone decides.
        var key = NewKey("clash");
        var owners = Enumerable.Range(0, 10).Select(_ => Guid.NewGuid()).ToList();

        var results = await Task.WhenAll(owners.Select(owner => Task.Run(async () => Assert.Single(await ledger.PostAsync(new TransferRequest(
            key, AccountRef.Of(owner, AccountPurpose.Usage, Currency.Usd), AccountRef.Of(owner, AccountPurpose.Payable, Currency.Usd), 5, "test.usage"))))));

        Assert.Single(results, r => r.Outcome == TransferOutcome.Posted);
        Assert.Equal(9, results.Count(r => r.Outcome == TransferOutcome.KeyReusedWithDifferentContent));
        Assert.Single(results.Select(r => r.TransferId).Distinct());
        var payables = await Task.WhenAll(owners.Select(owner => ledger.BalanceAsync(AccountRef.Of(owner, AccountPurpose.Payable, Currency.Usd))));
        Assert.Equal(5, payables.Sum(b => b.Posted));
    }

    [Fact]
    public async Task Many_writers_on_one_hot_account_add_up_exactly()
    {
        var wallets = Enumerable.Range(0, 8).Select(_ => AccountRef.Of(Guid.NewGuid(), AccountPurpose.Wallet, Currency.Credits)).ToList();
        var issuedBefore = (await ledger.BalanceAsync(Issuance)).Posted;

        await Task.WhenAll(wallets.Select(wallet => Task.Run(async () =>
        {
            for (var batch = 0; batch < 10; batch++)
            {
                var results = await ledger.PostAsync(Enumerable.Range(1, 20).Select(i => Issue(wallet, i)).ToArray());
                Assert.All(results, r => Assert.Equal(TransferOutcome.Posted, r.Outcome));
            }
        })));

        const long perWallet = 10 * (20 * 21 / 2);
        Assert.All(await Task.WhenAll(wallets.Select(ledger.BalanceAsync)), b => Assert.Equal(perWallet, b.Posted));
        Assert.Equal(issuedBefore - 8 * perWallet, (await ledger.BalanceAsync(Issuance)).Posted);
    }
}
