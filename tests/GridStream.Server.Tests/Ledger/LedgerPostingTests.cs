using GridStream.Domain.Ledger;
using GridStream.Server.Data;
using GridStream.Server.Ledger;
using Microsoft.EntityFrameworkCore;
using static GridStream.Server.Tests.Ledger.Transfers;

namespace GridStream.Server.Tests.Ledger;

public sealed class LedgerPostingTests(LedgerDatabase ledger) : IClassFixture<LedgerDatabase>
{
    [Fact]
    public async Task A_posted_transfer_moves_money_between_two_accounts_and_names_its_id()
    {
        var wallet = await ledger.FundedWalletAsync(5_000);
        var issuedBefore = await ledger.BalanceAsync(Issuance);

        var result = Assert.Single(await ledger.PostAsync(Spend(wallet, 1_200)));

        Assert.Equal(TransferOutcome.Posted, result.Outcome);
        Assert.NotNull(result.TransferId);
        Assert.Null(result.Error);
        Assert.Equal(new AccountBalance(1_200, 5_000, 0, 0), await ledger.BalanceAsync(wallet));
        Assert.Equal(3_800, (await ledger.BalanceAsync(wallet)).Available);
        Assert.Equal(issuedBefore, await ledger.BalanceAsync(Issuance));
    }

    [Fact]
    public async Task The_same_key_with_the_same_content_moves_money_once_and_returns_the_first_transfer()
    {
        var wallet = await ledger.FundedWalletAsync(5_000);
        var spend = Spend(wallet, 700);

        var first = Assert.Single(await ledger.PostAsync(spend));
        var again = Assert.Single(await ledger.PostAsync(spend with { }));
        var inOneBatch = await ledger.PostAsync(spend, spend);

        Assert.Equal(TransferOutcome.Posted, first.Outcome);
        Assert.Equal(TransferOutcome.AlreadyDone, again.Outcome);
        Assert.Equal(first.TransferId, again.TransferId);
        Assert.All(inOneBatch, r => Assert.Equal((TransferOutcome.AlreadyDone, first.TransferId), (r.Outcome, r.TransferId)));
        Assert.Equal(4_300, (await ledger.BalanceAsync(wallet)).Posted);
    }

    [Fact]
    public async Task The_same_key_with_different_content_is_refused_and_moves_nothing()
    {
        var wallet = await ledger.FundedWalletAsync(5_000);
        var spend = Spend(wallet, 700);
        var first = Assert.Single(await ledger.PostAsync(spend));

        var results = await ledger.PostAsync(
            spend with { Amount = 701 }, spend with { Kind = "test.other" }, spend with { Reference = "changed" }, spend with { Pending = true });

        Assert.All(results, r =>
        {
            Assert.Equal(TransferOutcome.KeyReusedWithDifferentContent, r.Outcome);
            Assert.Equal(first.TransferId, r.TransferId);
            Assert.Contains(spend.IdempotencyKey, r.Error);
        });
        Assert.Equal(4_300, (await ledger.BalanceAsync(wallet)).Posted);
    }

    [Fact]
    public async Task Two_requests_with_one_key_and_different_content_in_one_batch_post_the_first_only()
    {
        var wallet = await ledger.FundedWalletAsync(5_000);
        var spend = Spend(wallet, 100);

        var results = await ledger.PostAsync(spend, spend with { Amount = 200 });

        Assert.Equal(TransferOutcome.Posted, results[0].Outcome);
        Assert.Equal(TransferOutcome.KeyReusedWithDifferentContent, results[1].Outcome);
        Assert.Equal(4_900, (await ledger.BalanceAsync(wallet)).Posted);
    }

    [Fact]
    public async Task An_overdraw_is_refused_with_the_available_amount_and_the_rest_of_the_batch_goes_through()
    {
        var wallet = await ledger.FundedWalletAsync(1_000);

        var results = await ledger.PostAsync(Spend(wallet, 600), Spend(wallet, 600), Spend(wallet, 400));

        Assert.Equal([TransferOutcome.Posted, TransferOutcome.InsufficientFunds, TransferOutcome.Posted], results.Select(r => r.Outcome));
        Assert.Contains("has 400 available", results[1].Error);
        Assert.Null(results[1].TransferId);
        Assert.Equal(0, (await ledger.BalanceAsync(wallet)).Posted);
    }

    [Fact]
    public async Task Bad_requests_are_invalid_with_a_clear_reason_and_balances_stay_intact()
    {
        var wallet = await ledger.FundedWalletAsync(1_000);
        var usd = AccountRef.Of(Guid.NewGuid(), AccountPurpose.Wallet, Currency.Usd);
        var spend = Spend(wallet, 10);

        var results = await ledger.PostAsync(
            spend with { Amount = 0 },
            spend with { Amount = -5 },
            spend with { Credit = AccountRef.Platform(AccountPurpose.Fees, Currency.Usd) },
            spend with { Credit = wallet },
            spend with { IdempotencyKey = "" },
            spend with { IdempotencyKey = new string('k', 201) },
            spend with { Kind = "Not A Kind" },
            spend with { Credit = AccountRef.Platform(AccountPurpose.Wallet, Currency.Credits) },
            spend with { Debit = AccountRef.Of(Guid.Empty, AccountPurpose.Wallet, Currency.Credits) },
            spend with { Debit = usd, Credit = AccountRef.Of(Guid.NewGuid(), AccountPurpose.Revenue, Currency.Usd) },
            null!);

        Assert.All(results, r => Assert.Equal(TransferOutcome.Invalid, r.Outcome));
        Assert.All(results, r => Assert.False(string.IsNullOrWhiteSpace(r.Error)));
        Assert.Contains("more than zero", results[0].Error);
        Assert.Contains("one currency", results[2].Error);
        Assert.Contains("same", results[3].Error);
        Assert.Equal(new AccountBalance(0, 1_000, 0, 0), await ledger.BalanceAsync(wallet));
        Assert.Equal(AccountBalance.Zero, await ledger.BalanceAsync(usd));
    }

    [Fact]
    public async Task An_account_no_transfer_has_touched_reads_as_zero_and_cannot_be_spent_from()
    {
        var stranger = AccountRef.Of(Guid.NewGuid(), AccountPurpose.Earnings, Currency.Credits);

        Assert.Equal(AccountBalance.Zero, await ledger.BalanceAsync(stranger));
        var page = await ledger.Store.HistoryAsync(ledger.DataSource, stranger, 1, 20, CancellationToken.None);
        Assert.Empty(page.Entries);
        var result = Assert.Single(await ledger.PostAsync(Spend(stranger, 1)));
        Assert.Equal(TransferOutcome.InsufficientFunds, result.Outcome);
        Assert.Contains("has 0 available", result.Error);
    }

    [Fact]
    public async Task A_rolled_back_transaction_leaves_no_transfer_and_no_balance()
    {
        var wallet = AccountRef.Of(Guid.NewGuid(), AccountPurpose.Wallet, Currency.Credits);
        var issue = Issue(wallet, 900);
        await using (var connection = await ledger.DataSource.OpenConnectionAsync())
        await using (var transaction = await connection.BeginTransactionAsync())
        {
            var inside = Assert.Single(await ledger.Store.PostAsync(connection, transaction, [issue], CancellationToken.None));
            Assert.Equal(TransferOutcome.Posted, inside.Outcome);
            Assert.Equal(900, (await ledger.Store.BalanceAsync(connection, transaction, wallet, CancellationToken.None)).Posted);
            await transaction.RollbackAsync();
        }

        Assert.Equal(AccountBalance.Zero, await ledger.BalanceAsync(wallet));
        Assert.Equal(TransferOutcome.Posted, Assert.Single(await ledger.PostAsync(issue)).Outcome);
        Assert.Equal(900, (await ledger.BalanceAsync(wallet)).Posted);
    }

    [Fact]
    public async Task A_flow_on_the_DbContext_commits_its_event_and_its_transfers_together()
    {
        var viewer = Guid.NewGuid();
        var wallet = AccountRef.Of(viewer, AccountPurpose.Wallet, Currency.Credits);
        var committed = Random.Shared.NextInt64(1, long.MaxValue);
        var rolledBack = committed - 1;

        foreach (var (replica, commit) in new[] { (committed, true), (rolledBack, false) })
        {
            await using var db = Db();
            await using var transaction = await db.Database.BeginTransactionAsync();
            db.ComputeEarnings.Add(new ComputeEarning { ReplicaId = replica, ViewerId = viewer, JobId = Guid.NewGuid(), MicroCredits = 250, CreatedAt = DateTimeOffset.UtcNow, TransferKey = $"earning-{replica}" });
            await db.SaveChangesAsync();
            var result = Assert.Single(await ledger.Store.PostAsync(db, [Issue(wallet, 250, $"earning-{replica}")], CancellationToken.None));
            Assert.Equal(TransferOutcome.Posted, result.Outcome);
            await (commit ? transaction.CommitAsync() : transaction.RollbackAsync());
        }

        await using var check = Db();
        Assert.True(await check.ComputeEarnings.AnyAsync(e => e.ReplicaId == committed));
        Assert.False(await check.ComputeEarnings.AnyAsync(e => e.ReplicaId == rolledBack));
        Assert.Equal(250, (await ledger.BalanceAsync(wallet)).Posted);
        Assert.Equal(["earning-" + committed], await check.LedgerTransfers.Where(t => t.Kind == "test.issue" && t.IdempotencyKey.StartsWith("earning-"))
            .Where(t => t.IdempotencyKey == "earning-" + committed || t.IdempotencyKey == "earning-" + rolledBack).Select(t => t.IdempotencyKey).ToListAsync());
    }

    [Fact]
    public async Task Posting_through_a_DbContext_without_a_transaction_is_refused_before_anything_moves()
    {
        await using var db = Db();

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            ledger.Store.PostAsync(db, [Issue(AccountRef.Of(Guid.NewGuid(), AccountPurpose.Wallet, Currency.Credits), 1)], CancellationToken.None));
        Assert.Contains("BeginTransaction", error.Message);
    }

    [Fact]
    public async Task History_lists_an_accounts_transfers_newest_first_signed_from_its_side_in_pages()
    {
        var wallet = await ledger.FundedWalletAsync(10_000);
        for (var i = 1; i <= 4; i++)
        {
            await ledger.PostAsync(Spend(wallet, i * 10) with { Reference = $"purchase {i}" });
        }

        var first = await ledger.Store.HistoryAsync(ledger.DataSource, wallet, 1, 3, CancellationToken.None);
        var second = await ledger.Store.HistoryAsync(ledger.DataSource, wallet, 2, 3, CancellationToken.None);
        var beyond = await ledger.Store.HistoryAsync(ledger.DataSource, wallet, 3, 3, CancellationToken.None);

        Assert.Equal(5, first.TotalCount);
        Assert.Equal([-40L, -30, -20], first.Entries.Select(e => e.Amount));
        Assert.Equal(["purchase 4", "purchase 3", "purchase 2"], first.Entries.Select(e => e.Reference));
        Assert.All(first.Entries, e => Assert.Equal(Fees, e.Counterparty));
        Assert.Equal([-10L, 10_000], second.Entries.Select(e => e.Amount));
        Assert.Equal(Issuance, second.Entries[1].Counterparty);
        Assert.Empty(beyond.Entries);
        Assert.Equal(5, beyond.TotalCount);
        Assert.True(first.Entries[0].TransferId > first.Entries[1].TransferId);
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => ledger.Store.HistoryAsync(ledger.DataSource, wallet, 0, 3, CancellationToken.None));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => ledger.Store.HistoryAsync(ledger.DataSource, wallet, 1, LedgerStore.MaxPageSize + 1, CancellationToken.None));
    }

    private GridStreamDbContext Db() =>
        new(new DbContextOptionsBuilder<GridStreamDbContext>().UseNpgsql(ledger.ConnectionString).Options);
}
