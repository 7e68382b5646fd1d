using GridStream.Domain.Billing;
using GridStream.Domain.Ledger;

namespace GridStream.Domain.Tests.Billing;

public sealed class InvoiceRulesTests
{
    private static readonly Guid Customer = Guid.Parse("6f0c3f5e-7d7a-4a55-9a49-0c6f0b1f2a10");
    private static readonly Guid Job = Guid.Parse("0196f000-0000-7000-8000-0000000000a1");
    private static readonly IReadOnlyDictionary<string, StoredTransfer> NothingStored = new Dictionary<string, StoredTransfer>();

    [Fact]
    public void A_paid_invoice_settles_the_customers_usage_and_counts_the_money_as_cash()
    {
        var usage = AccountRef.Of(Customer, AccountPurpose.Usage, Currency.Usd);
        var transfers = InvoiceTransfers.Paid("in_1", Customer, 150);

        var settle = Assert.Single(transfers, t => t.Kind == InvoiceTransfers.PaidKind);
        Assert.Equal((InvoiceTransfers.StripeClearing, usage, 150L, "in_1"), (settle.Debit, settle.Credit, settle.Amount, settle.Reference));
        var cash = Assert.Single(transfers, t => t.Kind == InvoiceTransfers.CashKind);
        Assert.Equal((InvoiceTransfers.Cash, InvoiceTransfers.StripeClearing, 150L), (cash.Debit, cash.Credit, cash.Amount));
    }

    [Fact]
    public void After_usage_and_its_payment_the_customer_owes_nothing_and_clearing_is_empty()
    {
        var usage = AccountRef.Of(Customer, AccountPurpose.Usage, Currency.Usd);
        List<TransferRequest> batch = [ComputeTransfers.Usage(ComputeTransfers.UsageKey(1), Customer, Job, 100), ComputeTransfers.Usage(ComputeTransfers.UsageKey(2), Customer, Job, 50), .. InvoiceTransfers.Paid("in_1", Customer, 150)];

        var decision = TransferBatch.Decide(batch, NothingStored, new Dictionary<AccountRef, AccountBalance>());

        Assert.Equal(batch.Count, decision.ToWrite.Count);
        Assert.Equal(0, decision.BalancesAfter[usage].Posted);
        Assert.Equal(0, decision.BalancesAfter[InvoiceTransfers.StripeClearing].Posted);
        Assert.Equal(-150, decision.BalancesAfter[InvoiceTransfers.Cash].Posted);
        Assert.Equal(150, decision.BalancesAfter[ComputeTransfers.Revenue].Posted);
        Assert.Equal(0, decision.BalancesAfter.Values.Sum(b => b.Posted));
    }

    [Fact]
    public void The_keys_come_from_the_invoice_so_two_events_for_one_payment_post_once()
    {
        var first = InvoiceTransfers.Paid("in_1", Customer, 150);
        var second = InvoiceTransfers.Paid("in_1", Customer, 150);
        var other = InvoiceTransfers.Paid("in_2", Customer, 150);

        Assert.Equal(first, second);
        Assert.Empty(first.Select(t => t.IdempotencyKey).Intersect(other.Select(t => t.IdempotencyKey)));
        Assert.Equal(2, first.Select(t => t.IdempotencyKey).Distinct().Count());
    }

    [Fact]
    public void Nothing_paid_moves_nothing_and_bad_input_is_refused()
    {
        Assert.Empty(InvoiceTransfers.Paid("in_1", Customer, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => InvoiceTransfers.Paid("in_1", Customer, -1));
        Assert.Throws<ArgumentException>(() => InvoiceTransfers.Paid(" ", Customer, 1));
    }

    [Theory]
    [InlineData(null, InvoiceStatus.PaymentFailed, InvoiceStatus.PaymentFailed)]
    [InlineData(null, InvoiceStatus.Paid, InvoiceStatus.Paid)]
    [InlineData(InvoiceStatus.PaymentFailed, InvoiceStatus.Paid, InvoiceStatus.Paid)]
    [InlineData(InvoiceStatus.PaymentFailed, InvoiceStatus.PaymentFailed, InvoiceStatus.PaymentFailed)]
    [InlineData(InvoiceStatus.Paid, InvoiceStatus.PaymentFailed, InvoiceStatus.Paid)]
    [InlineData(InvoiceStatus.Paid, InvoiceStatus.Paid, InvoiceStatus.Paid)]
    public void Paid_is_final_and_clears_a_failure(InvoiceStatus? stored, InvoiceStatus heard, InvoiceStatus expected) =>
        Assert.Equal(expected, InvoiceProgress.Next(stored, heard));

    [Fact]
    public void Only_the_event_that_makes_an_invoice_paid_posts_its_money()
    {
        Assert.True(InvoiceProgress.BecomesPaid(null, InvoiceStatus.Paid));
        Assert.True(InvoiceProgress.BecomesPaid(InvoiceStatus.PaymentFailed, InvoiceStatus.Paid));
        Assert.False(InvoiceProgress.BecomesPaid(InvoiceStatus.Paid, InvoiceStatus.Paid));
        Assert.False(InvoiceProgress.BecomesPaid(InvoiceStatus.Paid, InvoiceStatus.PaymentFailed));
        Assert.False(InvoiceProgress.BecomesPaid(null, InvoiceStatus.PaymentFailed));
    }

    [Fact]
    public void Every_order_of_the_same_events_ends_in_the_same_status()
    {
        InvoiceStatus[] events = [InvoiceStatus.PaymentFailed, InvoiceStatus.PaymentFailed, InvoiceStatus.Paid];
        var endings = Permutations(events).Select(order => order.Aggregate((InvoiceStatus?)null, (stored, heard) => InvoiceProgress.Next(stored, heard))).Distinct();

        Assert.Equal([InvoiceStatus.Paid], endings);
    }

    [Fact]
    public void A_customer_is_past_due_while_any_invoice_failed_and_is_unpaid()
    {
        Assert.Equal(Standing.Good, CustomerStanding.Of([]));
        Assert.Equal(Standing.Good, CustomerStanding.Of([InvoiceStatus.Paid, InvoiceStatus.Paid]));
        Assert.Equal(Standing.PastDue, CustomerStanding.Of([InvoiceStatus.Paid, InvoiceStatus.PaymentFailed]));
    }

    [Fact]
    public void The_refusal_says_why_and_what_to_do()
    {
        var detail = CustomerStanding.RefusalDetail(2);

        Assert.Contains("2 invoices", detail, StringComparison.Ordinal);
        Assert.Contains("payment method", detail, StringComparison.Ordinal);
        Assert.Contains("/api/billing/account", detail, StringComparison.Ordinal);
    }

    private static IEnumerable<InvoiceStatus[]> Permutations(InvoiceStatus[] items) => items.Length <= 1
        ? [items]
        : items.SelectMany((item, i) => Permutations([.. items[..i], .. items[(i + 1)..]]).Select(rest => (InvoiceStatus[])[item, .. rest]));
}
