using CsCheck;
using GridStream.Domain.Ledger;

namespace GridStream.Server.Tests.Ledger;

/// <summary>
/// Random sequences of transfers, replays, pending holds and their resolutions against the real database; after
/// each sequence the ledger's invariants must hold across the whole database.
/// </summary>
public sealed class LedgerPropertyTests(LedgerDatabase ledger) : IClassFixture<LedgerDatabase>
{
    private sealed record Operation(int Kind, int From, int To, long Amount, int Pick, bool Pending);

    private static readonly Gen<Operation> Operations =
        Gen.Select(Gen.Int[0, 9], Gen.Int[0, 5], Gen.Int[0, 5], Gen.Long[-5, 2_000], Gen.Int[0, 1_000], Gen.Bool)
            .Select((kind, from, to, amount, pick, pending) => new Operation(kind, from, to, amount, pick, pending));

    [Fact]
    public void Random_operation_sequences_keep_every_ledger_invariant() =>
        Operations.Array[1, 25].Sample(operations => RunAsync(operations).GetAwaiter().GetResult(), iter: 40, threads: 1);

    private async Task RunAsync(Operation[] operations)
    {
        // Five users with a wallet each, plus credit issuance as the source of money; fresh per sequence.
        var wallets = Enumerable.Range(0, 5).Select(_ => AccountRef.Of(Guid.NewGuid(), AccountPurpose.Wallet, Currency.Credits)).ToList();
        var accounts = wallets.Prepend(Transfers.Issuance).ToList();
        var expected = wallets.ToDictionary(w => w, _ => 0L);
        var posted = new List<TransferRequest>();
        var pending = new List<TransferRequest>();

        foreach (var operation in operations)
        {
            switch (operation.Kind)
            {
                case 0 when posted.Count > 0:
                    // A replay: the same key and content again must move nothing.
                    var replay = posted[operation.Pick % posted.Count];
                    Assert.Equal(TransferOutcome.AlreadyDone, Assert.Single(await ledger.PostAsync(replay)).Outcome);
                    break;
                case 1 when pending.Count > 0:
                    var hold = pending[operation.Pick % pending.Count];
                    var resolved = await ledger.ResolveAsync(hold.IdempotencyKey, Transfers.NewKey("resolve"), operation.Pending);
                    Assert.True(resolved.Outcome is TransferOutcome.Posted or TransferOutcome.Voided or TransferOutcome.PendingAlreadyResolved, resolved.Error);
                    if (resolved.Outcome == TransferOutcome.Posted)
                    {
                        Move(expected, hold);
                    }

                    pending.Remove(hold);
                    break;
                default:
                    var request = new TransferRequest(
                        Transfers.NewKey("prop"), accounts[operation.From], accounts[operation.To], operation.Amount, "test.property",
                        Pending: operation.Pending);
                    var result = Assert.Single(await ledger.PostAsync(request));
                    Assert.True(result.Outcome is TransferOutcome.Posted or TransferOutcome.PendingCreated
                        or TransferOutcome.InsufficientFunds or TransferOutcome.Invalid, result.Error);
                    Assert.Equal(result.Outcome == TransferOutcome.Invalid, operation.Amount <= 0 || operation.From == operation.To);
                    if (result.Outcome == TransferOutcome.Posted)
                    {
                        Move(expected, request);
                        posted.Add(request);
                    }
                    else if (result.Outcome == TransferOutcome.PendingCreated)
                    {
                        pending.Add(request);
                    }

                    break;
            }
        }

        foreach (var wallet in wallets)
        {
            var balance = await ledger.BalanceAsync(wallet);
            Assert.Equal(expected[wallet], balance.Posted);
            Assert.True(balance.Available >= 0, $"{wallet} went below zero: {balance}");
        }

        await AssertDatabaseInvariantsAsync();
    }

    private static void Move(Dictionary<AccountRef, long> expected, TransferRequest transfer)
    {
        if (expected.ContainsKey(transfer.Debit))
        {
            expected[transfer.Debit] -= transfer.Amount;
        }

        if (expected.ContainsKey(transfer.Credit))
        {
            expected[transfer.Credit] += transfer.Amount;
        }
    }

    private async Task AssertDatabaseInvariantsAsync()
    {
        // Debits equal credits per currency, posted and pending.
        Assert.Equal(0L, await ledger.ScalarAsync<long>(
            """
            SELECT count(*) FROM (
                SELECT "Currency" FROM ledger_accounts GROUP BY "Currency"
                HAVING sum("DebitsPosted") <> sum("CreditsPosted") OR sum("DebitsPending") <> sum("CreditsPending")) unbalanced
            """));
        // No account that must stay at or above zero is below it.
        Assert.Equal(0L, await ledger.ScalarAsync<long>(
            """SELECT count(*) FROM ledger_accounts WHERE NOT "MayGoNegative" AND "CreditsPosted" - "DebitsPosted" - "DebitsPending" < 0"""));
        // Every account's totals are the sums of its transfers: posted rows count as posted, unresolved pending rows as pending.
        Assert.Equal(0L, await ledger.ScalarAsync<long>(
            """
            WITH unresolved AS (
                SELECT p.* FROM ledger_transfers p
                WHERE p."State" = 'Pending' AND NOT EXISTS (SELECT 1 FROM ledger_transfers r WHERE r."PendingTransferId" = p."Id")),
            sums AS (
                SELECT a."Id",
                    coalesce((SELECT sum("Amount") FROM ledger_transfers WHERE "DebitAccountId" = a."Id" AND "State" = 'Posted'), 0) AS debits_posted,
                    coalesce((SELECT sum("Amount") FROM ledger_transfers WHERE "CreditAccountId" = a."Id" AND "State" = 'Posted'), 0) AS credits_posted,
                    coalesce((SELECT sum("Amount") FROM unresolved WHERE "DebitAccountId" = a."Id"), 0) AS debits_pending,
                    coalesce((SELECT sum("Amount") FROM unresolved WHERE "CreditAccountId" = a."Id"), 0) AS credits_pending
                FROM ledger_accounts a)
            SELECT count(*) FROM ledger_accounts a JOIN sums s ON s."Id" = a."Id"
            WHERE a."DebitsPosted" <> s.debits_posted OR a."CreditsPosted" <> s.credits_posted
               OR a."DebitsPending" <> s.debits_pending OR a."CreditsPending" <> s.credits_pending
            """));
    }
}
