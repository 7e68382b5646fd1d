using CsCheck;
using GridStream.Domain.Ledger;

namespace GridStream.Domain.Tests.Ledger;

/// <summary>Invariants of batch decisions over random requests, keys reused on purpose, and random starting balances.</summary>
public sealed class TransferBatchPropertyTests
{
    private static readonly AccountRef[] Accounts =
    [
        AccountRef.Platform(AccountPurpose.CreditIssuance, Currency.Credits),
        AccountRef.Platform(AccountPurpose.Fees, Currency.Credits),
        AccountRef.Of(new Guid("00000000-0000-0000-0000-0000000000a1"), AccountPurpose.Wallet, Currency.Credits),
        AccountRef.Of(new Guid("00000000-0000-0000-0000-0000000000a2"), AccountPurpose.Wallet, Currency.Credits),
        AccountRef.Of(new Guid("00000000-0000-0000-0000-0000000000a2"), AccountPurpose.Earnings, Currency.Credits),
        AccountRef.Platform(AccountPurpose.Revenue, Currency.Usd),
    ];

    private static readonly Gen<TransferRequest> Requests =
        Gen.Select(Gen.Int[0, 12], Gen.Int[0, Accounts.Length - 1], Gen.Int[0, Accounts.Length - 1], Gen.Long[-2, 500], Gen.Bool)
            .Select((key, from, to, amount, pending) =>
                new TransferRequest($"k{key}", Accounts[from], Accounts[to], amount, "test", Pending: pending));

    private static readonly Gen<Dictionary<AccountRef, AccountBalance>> Balances =
        Gen.Long[0, 1_000].Array[Accounts.Length].Select(credits =>
            Accounts.Select((a, i) => (a, b: new AccountBalance(0, credits[i], 0, 0))).ToDictionary(x => x.a, x => x.b));

    [Fact]
    public void No_account_that_must_stay_positive_ends_below_zero_and_every_write_balances() =>
        Gen.Select(Requests.Array[0, 30], Balances).Sample((requests, balances) =>
        {
            var decision = TransferBatch.Decide(requests, new Dictionary<string, StoredTransfer>(), balances);

            foreach (var (account, after) in decision.BalancesAfter)
            {
                Assert.True(account.MayGoNegative || after.Available >= 0, $"{account} ended at {after}");
            }

            // What moved equals what was written: debits and credits change by the same amounts.
            var before = Accounts.Select(a => balances[a]).ToList();
            var afterAll = Accounts.Select(a => decision.BalancesAfter.GetValueOrDefault(a, balances[a])).ToList();
            Assert.Equal(afterAll.Sum(b => b.DebitsPosted) - before.Sum(b => b.DebitsPosted), afterAll.Sum(b => b.CreditsPosted) - before.Sum(b => b.CreditsPosted));
            Assert.Equal(decision.ToWrite.Where(t => !t.Pending).Sum(t => t.Amount), afterAll.Sum(b => b.DebitsPosted) - before.Sum(b => b.DebitsPosted));
            Assert.Equal(decision.ToWrite.Where(t => t.Pending).Sum(t => t.Amount), afterAll.Sum(b => b.CreditsPending));
            Assert.Equal(decision.ToWrite.Count, decision.ToWrite.Select(t => t.IdempotencyKey).Distinct().Count());
        }, iter: 2_000);

    [Fact]
    public void Deciding_again_with_the_written_transfers_stored_moves_nothing() =>
        Gen.Select(Requests.Array[0, 30], Balances).Sample((requests, balances) =>
        {
            var first = TransferBatch.Decide(requests, new Dictionary<string, StoredTransfer>(), balances);
            var stored = first.ToWrite.Select((t, i) => new StoredTransfer(i + 1, t, t.Pending ? TransferState.Pending : TransferState.Posted))
                .ToDictionary(s => s.Content.IdempotencyKey);

            var replay = TransferBatch.Decide(first.ToWrite, stored, first.BalancesAfter);

            Assert.Empty(replay.ToWrite);
            Assert.All(replay.Decisions, d => Assert.Equal(TransferOutcome.AlreadyDone, d.Outcome));
            Assert.Equal(first.BalancesAfter.OrderBy(p => p.Key.ToString()), replay.BalancesAfter.OrderBy(p => p.Key.ToString()));
        }, iter: 1_000);
}
