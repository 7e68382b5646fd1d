using GridStream.Domain.Ledger;
using static GridStream.Server.Tests.Ledger.Transfers;

namespace GridStream.Server.Tests.Ledger;

public sealed class PendingTransferTests(LedgerDatabase ledger) : IClassFixture<LedgerDatabase>
{
    [Fact]
    public async Task A_pending_transfer_reserves_the_amount_and_posting_it_moves_the_money_once()
    {
        var wallet = await ledger.FundedWalletAsync(1_000);
        var hold = Spend(wallet, 800, pending: true);

        var created = Assert.Single(await ledger.PostAsync(hold));
        Assert.Equal(TransferOutcome.PendingCreated, created.Outcome);
        Assert.Equal(new AccountBalance(0, 1_000, 800, 0), await ledger.BalanceAsync(wallet));
        Assert.Equal(TransferOutcome.InsufficientFunds, Assert.Single(await ledger.PostAsync(Spend(wallet, 201))).Outcome);

        var postKey = NewKey("post");
        var posted = await ledger.ResolveAsync(hold.IdempotencyKey, postKey, post: true);
        var repeated = await ledger.ResolveAsync(hold.IdempotencyKey, postKey, post: true);

        Assert.Equal(TransferOutcome.Posted, posted.Outcome);
        Assert.Equal((TransferOutcome.AlreadyDone, posted.TransferId), (repeated.Outcome, repeated.TransferId));
        Assert.Equal(new AccountBalance(800, 1_000, 0, 0), await ledger.BalanceAsync(wallet));
        var history = await ledger.Store.HistoryAsync(ledger.DataSource, wallet, 1, 10, CancellationToken.None);
        Assert.Equal([TransferState.Posted, TransferState.Pending, TransferState.Posted], history.Entries.Select(e => e.State));
        Assert.Equal(created.TransferId, history.Entries[0].PendingTransferId);
    }

    [Fact]
    public async Task Voiding_releases_the_reservation_and_moves_nothing()
    {
        var wallet = await ledger.FundedWalletAsync(1_000);
        var hold = Spend(wallet, 600, pending: true);
        await ledger.PostAsync(hold);

        var voided = await ledger.ResolveAsync(hold.IdempotencyKey, NewKey("void"), post: false);

        Assert.Equal(TransferOutcome.Voided, voided.Outcome);
        Assert.Equal(new AccountBalance(0, 1_000, 0, 0), await ledger.BalanceAsync(wallet));
        Assert.Equal(TransferOutcome.Posted, Assert.Single(await ledger.PostAsync(Spend(wallet, 1_000))).Outcome);
    }

    [Fact]
    public async Task A_pending_transfer_is_resolved_once_whatever_comes_after()
    {
        var wallet = await ledger.FundedWalletAsync(1_000);
        var hold = Spend(wallet, 300, pending: true);
        await ledger.PostAsync(hold);
        var posted = await ledger.ResolveAsync(hold.IdempotencyKey, NewKey("post"), post: true);

        var voidAfter = await ledger.ResolveAsync(hold.IdempotencyKey, NewKey("void"), post: false);
        var postAgain = await ledger.ResolveAsync(hold.IdempotencyKey, NewKey("post"), post: true);

        Assert.Equal(TransferOutcome.PendingAlreadyResolved, voidAfter.Outcome);
        Assert.Equal(TransferOutcome.PendingAlreadyResolved, postAgain.Outcome);
        Assert.Equal(posted.TransferId, voidAfter.TransferId);
        Assert.Contains("already posted", voidAfter.Error);
        Assert.Equal(new AccountBalance(300, 1_000, 0, 0), await ledger.BalanceAsync(wallet));
    }

    [Fact]
    public async Task Resolving_what_is_not_a_pending_transfer_is_invalid()
    {
        var wallet = await ledger.FundedWalletAsync(1_000);
        var plain = Spend(wallet, 100);
        await ledger.PostAsync(plain);
        var hold = Spend(wallet, 100, pending: true);
        await ledger.PostAsync(hold);

        var unknown = await ledger.ResolveAsync(NewKey("nothing"), NewKey("post"), post: true);
        var notPending = await ledger.ResolveAsync(plain.IdempotencyKey, NewKey("post"), post: true);
        var keyTaken = await ledger.ResolveAsync(hold.IdempotencyKey, plain.IdempotencyKey, post: true);
        var emptyKey = await ledger.ResolveAsync(hold.IdempotencyKey, "", post: true);

        Assert.Equal(TransferOutcome.Invalid, unknown.Outcome);
        Assert.Contains("no transfer with the key", unknown.Error);
        Assert.Equal(TransferOutcome.Invalid, notPending.Outcome);
        Assert.Contains("not pending", notPending.Error);
        Assert.Equal(TransferOutcome.KeyReusedWithDifferentContent, keyTaken.Outcome);
        Assert.Equal(TransferOutcome.Invalid, emptyKey.Outcome);
        Assert.Equal(new AccountBalance(100, 1_000, 100, 0), await ledger.BalanceAsync(wallet));
    }
}
