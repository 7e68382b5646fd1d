using GridStream.Domain.Ledger;

namespace GridStream.Domain.Tests.Ledger;

public sealed class PendingResolutionTests
{
    private static readonly AccountRef Wallet = AccountRef.Of(Guid.NewGuid(), AccountPurpose.Wallet, Currency.Credits);
    private static readonly AccountRef Escrow = AccountRef.Platform(AccountPurpose.LicenseEscrow, Currency.Credits);
    private static readonly StoredTransfer Hold = new(7, new TransferRequest("hold", Wallet, Escrow, 50, "license.purchase", Pending: true), TransferState.Pending);

    private static StoredTransfer Resolution(string key, TransferState state) =>
        new(8, Hold.Content with { IdempotencyKey = key, Pending = false }, state, PendingTransferId: 7);

    [Fact]
    public void An_unresolved_pending_transfer_may_be_posted_or_voided()
    {
        Assert.Null(PendingResolution.Decide("hold", "post", TransferState.Posted, Hold, null, null));
        Assert.Null(PendingResolution.Decide("hold", "void", TransferState.Voided, Hold, null, null));
    }

    [Fact]
    public void The_same_resolution_again_is_a_repeat_and_another_one_is_refused()
    {
        var posted = Resolution("post", TransferState.Posted);

        Assert.Equal(TransferOutcome.AlreadyDone, PendingResolution.Decide("hold", "post", TransferState.Posted, Hold, posted, posted)!.Outcome);
        Assert.Equal(TransferOutcome.KeyReusedWithDifferentContent, PendingResolution.Decide("hold", "post", TransferState.Voided, Hold, posted, posted)!.Outcome);
        var second = PendingResolution.Decide("hold", "void", TransferState.Voided, Hold, posted, null)!;
        Assert.Equal((TransferOutcome.PendingAlreadyResolved, 8L), (second.Outcome, second.ExistingTransferId!.Value));
        Assert.Contains("already posted by 'post'", second.Error);
    }

    [Fact]
    public void Only_a_pending_transfer_that_exists_can_be_resolved()
    {
        Assert.Contains("no transfer", PendingResolution.Decide("hold", "post", TransferState.Posted, null, null, null)!.Error);
        Assert.Contains("not pending", PendingResolution.Decide("hold", "post", TransferState.Posted, Resolution("x", TransferState.Posted), null, null)!.Error);
        Assert.Equal(TransferOutcome.Invalid, PendingResolution.Decide("hold", "again", TransferState.Pending, Hold, null, null)!.Outcome);
        Assert.Equal(TransferOutcome.Invalid, PendingResolution.Decide("hold", "", TransferState.Posted, Hold, null, null)!.Outcome);
    }

    [Fact]
    public void Posting_moves_the_reservation_into_the_posted_totals_and_voiding_only_releases_it()
    {
        var before = new AccountBalance(0, 100, 50, 0);
        var (postDebit, _) = PendingResolution.Deltas(50, TransferState.Posted);
        var (voidDebit, voidCredit) = PendingResolution.Deltas(50, TransferState.Voided);

        Assert.Equal(new AccountBalance(50, 100, 0, 0), before.Apply(postDebit));
        Assert.Equal(new AccountBalance(0, 100, 0, 0), before.Apply(voidDebit));
        Assert.Equal(new AccountDelta(0, 0, 0, -50), voidCredit);
    }
}
