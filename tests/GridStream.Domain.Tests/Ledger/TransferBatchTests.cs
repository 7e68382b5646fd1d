using GridStream.Domain.Ledger;

namespace GridStream.Domain.Tests.Ledger;

public sealed class TransferBatchTests
{
    private static readonly AccountRef Issuance = AccountRef.Platform(AccountPurpose.CreditIssuance, Currency.Credits);
    private static readonly AccountRef Fees = AccountRef.Platform(AccountPurpose.Fees, Currency.Credits);
    private static readonly Dictionary<string, StoredTransfer> NothingStored = [];

    private static AccountRef NewWallet() => AccountRef.Of(Guid.NewGuid(), AccountPurpose.Wallet, Currency.Credits);

    [Fact]
    public void Requests_are_decided_in_order_each_seeing_the_ones_before()
    {
        var wallet = NewWallet();
        var requests = new[]
        {
            new TransferRequest("fund", Issuance, wallet, 100, "test"),
            new TransferRequest("spend-1", wallet, Fees, 80, "test"),
            new TransferRequest("spend-2", wallet, Fees, 30, "test"),
            new TransferRequest("spend-3", wallet, Fees, 20, "test"),
        };

        var decision = TransferBatch.Decide(requests, NothingStored, new Dictionary<AccountRef, AccountBalance>());

        Assert.Equal([TransferOutcome.Posted, TransferOutcome.Posted, TransferOutcome.InsufficientFunds, TransferOutcome.Posted],
            decision.Decisions.Select(d => d.Outcome));
        Assert.Equal(["fund", "spend-1", "spend-3"], decision.ToWrite.Select(t => t.IdempotencyKey));
        Assert.Equal([0, 1, null, 2], decision.Decisions.Select(d => d.WriteIndex));
        Assert.Equal(0, decision.BalancesAfter[wallet].Posted);
        Assert.Equal(-100, decision.BalancesAfter[Issuance].Posted);
    }

    [Fact]
    public void A_pending_debit_holds_the_amount_back_from_later_requests()
    {
        var wallet = NewWallet();
        var balances = new Dictionary<AccountRef, AccountBalance> { [wallet] = new(0, 100, 0, 0) };

        var decision = TransferBatch.Decide(
            [new TransferRequest("hold", wallet, Fees, 70, "test", Pending: true), new TransferRequest("spend", wallet, Fees, 31, "test")],
            NothingStored, balances);

        Assert.Equal([TransferOutcome.PendingCreated, TransferOutcome.InsufficientFunds], decision.Decisions.Select(d => d.Outcome));
        Assert.Equal(new AccountBalance(0, 100, 70, 0), decision.BalancesAfter[wallet]);
        Assert.Equal(new AccountBalance(0, 0, 0, 70), decision.BalancesAfter[Fees]);
    }

    [Fact]
    public void A_stored_key_is_a_repeat_when_the_content_matches_and_a_clash_when_it_does_not()
    {
        var wallet = NewWallet();
        var request = new TransferRequest("k", Issuance, wallet, 5, "test");
        var stored = new Dictionary<string, StoredTransfer> { ["k"] = new(41, request, TransferState.Posted) };

        var decision = TransferBatch.Decide([request, request with { Amount = 6 }], stored, new Dictionary<AccountRef, AccountBalance>());

        Assert.Equal((TransferOutcome.AlreadyDone, 41L), (decision.Decisions[0].Outcome, decision.Decisions[0].ExistingTransferId!.Value));
        Assert.Equal(TransferOutcome.KeyReusedWithDifferentContent, decision.Decisions[1].Outcome);
        Assert.Empty(decision.ToWrite);
    }

    [Fact]
    public void A_key_that_names_a_resolution_is_never_a_repeat_of_a_plain_transfer()
    {
        var wallet = NewWallet();
        var request = new TransferRequest("k", wallet, Fees, 5, "test");
        var stored = new Dictionary<string, StoredTransfer> { ["k"] = new(9, request, TransferState.Posted, PendingTransferId: 8) };

        var decision = TransferBatch.Decide([request], stored, new Dictionary<AccountRef, AccountBalance>());

        Assert.Equal(TransferOutcome.KeyReusedWithDifferentContent, Assert.Single(decision.Decisions).Outcome);
    }

    [Fact]
    public void Totals_that_would_overflow_are_invalid_not_a_crash()
    {
        var wallet = NewWallet();
        var balances = new Dictionary<AccountRef, AccountBalance> { [wallet] = new(0, long.MaxValue, 0, 0) };

        var decision = TransferBatch.Decide([new TransferRequest("k", Issuance, wallet, 1, "test")], NothingStored, balances);

        Assert.Equal(TransferOutcome.Invalid, Assert.Single(decision.Decisions).Outcome);
        Assert.Contains("overflow", decision.Decisions[0].Error);
    }
}
