using GridStream.Domain.Ledger;

namespace GridStream.Domain.Tests.Ledger;

/// <summary>The transfers of the money flows follow the shared account layout: kinds, keys, references, accounts.</summary>
public sealed class MoneyFlowTransfersTests
{
    private static readonly Guid Viewer = new("00000000-0000-0000-0000-0000000000b1");
    private static readonly Guid Owner = new("00000000-0000-0000-0000-0000000000b2");
    private static readonly Guid Job = new("0196f000-0000-7000-8000-0000000000a1");
    private static readonly Guid License = new("0196f000-0000-7000-8000-000000000042");

    [Fact]
    public void A_viewers_credits_are_issued_into_its_wallet_naming_the_job()
    {
        var credit = ComputeTransfers.Credit("compute-credit:981", Viewer, Job, 7_000);

        Assert.Equal(new TransferRequest("compute-credit:981", AccountRef.Platform(AccountPurpose.CreditIssuance, Currency.Credits),
            AccountRef.Of(Viewer, AccountPurpose.Wallet, Currency.Credits), 7_000, "compute.credit", Job.ToString("D")), credit);
        Assert.Null(TransferRules.Validate(credit));
    }

    [Fact]
    public void Accepted_units_book_the_customers_usage_as_platform_revenue()
    {
        var usage = ComputeTransfers.Usage("compute-usage:55", Owner, Job, 3);

        Assert.Equal(new TransferRequest("compute-usage:55", AccountRef.Of(Owner, AccountPurpose.Usage, Currency.Usd),
            AccountRef.Platform(AccountPurpose.Revenue, Currency.Usd), 3, "compute.usage", Job.ToString("D")), usage);
        Assert.Null(TransferRules.Validate(usage));
    }

    [Fact]
    public void A_sale_reserves_from_the_wallet_into_escrow_and_splits_to_owner_and_fee_all_naming_the_license()
    {
        var sale = new LicenseSale(License, Viewer, Owner, 3_333_333, "license:abc:key-1");

        var reservation = LicenseSaleTransfers.Reservation(sale);
        var split = LicenseSaleTransfers.Split(sale, 20);

        Assert.Equal(new TransferRequest("license:abc:key-1", AccountRef.Of(Viewer, AccountPurpose.Wallet, Currency.Credits),
            LicenseSaleTransfers.Escrow, 3_333_333, "license.purchase", License.ToString(), Pending: true), reservation);
        Assert.Equal("license:abc:key-1:post", LicenseSaleTransfers.PostKey(sale.PaymentKey));
        Assert.Equal(
            [
                new TransferRequest("license:abc:key-1:owner", LicenseSaleTransfers.Escrow, AccountRef.Of(Owner, AccountPurpose.Earnings, Currency.Credits),
                    2_666_667, "license.earnings", License.ToString()),
                new TransferRequest("license:abc:key-1:fee", LicenseSaleTransfers.Escrow, AccountRef.Platform(AccountPurpose.Fees, Currency.Credits),
                    666_666, "license.fee", License.ToString()),
            ],
            split);
        Assert.All([reservation, .. split], t => Assert.Null(TransferRules.Validate(t)));
        Assert.Equal(sale.PriceMicroCredits, split.Sum(t => t.Amount));
    }

    [Theory]
    [InlineData(0, "license.earnings")]
    [InlineData(100, "license.fee")]
    public void A_part_that_comes_to_nothing_is_left_out(int feePercent, string onlyKind)
    {
        var split = LicenseSaleTransfers.Split(new LicenseSale(License, Viewer, Owner, 1_000, "k"), feePercent);

        Assert.Equal(onlyKind, Assert.Single(split).Kind);
        Assert.Equal(1_000, split[0].Amount);
    }
}
