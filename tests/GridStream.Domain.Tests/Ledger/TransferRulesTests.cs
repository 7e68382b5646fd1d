using GridStream.Domain.Ledger;

namespace GridStream.Domain.Tests.Ledger;

public sealed class TransferRulesTests
{
    private static readonly AccountRef Wallet = AccountRef.Of(Guid.NewGuid(), AccountPurpose.Wallet, Currency.Credits);
    private static readonly AccountRef Fees = AccountRef.Platform(AccountPurpose.Fees, Currency.Credits);
    private static readonly TransferRequest Good = new("key-1", Wallet, Fees, 10, "license.purchase", "item 42");

    [Fact]
    public void A_well_formed_request_has_no_error() => Assert.Null(TransferRules.Validate(Good));

    public static TheoryData<TransferRequest, string> BadRequests => new()
    {
        { Good with { Amount = 0 }, "more than zero" },
        { Good with { Amount = -1 }, "more than zero" },
        { Good with { Credit = AccountRef.Platform(AccountPurpose.Fees, Currency.Usd) }, "one currency" },
        { Good with { Credit = Wallet }, "the same" },
        { Good with { IdempotencyKey = "" }, "key is empty" },
        { Good with { IdempotencyKey = new string('a', 201) }, "at most 200" },
        { Good with { IdempotencyKey = " padded" }, "white space" },
        { Good with { IdempotencyKey = "tab\there" }, "control characters" },
        { Good with { Kind = "" }, "kind is empty" },
        { Good with { Kind = "License.Purchase" }, "lower-case" },
        { Good with { Kind = new string('k', 65) }, "at most 64" },
        { Good with { Reference = new string('r', 501) }, "at most 500" },
        { Good with { Debit = AccountRef.Platform(AccountPurpose.Wallet, Currency.Credits) }, "belong to a user" },
        { Good with { Credit = AccountRef.Of(Guid.NewGuid(), AccountPurpose.Fees, Currency.Credits) }, "the platform's own" },
        { Good with { Debit = AccountRef.Of(Guid.Empty, AccountPurpose.Wallet, Currency.Credits) }, "empty owner id" },
        { Good with { Debit = new AccountRef(Guid.NewGuid(), (AccountPurpose)99, Currency.Credits) }, "unknown purpose" },
        { Good with { Debit = null! }, "debit account is missing" },
    };

    [Theory]
    [MemberData(nameof(BadRequests))]
    public void Each_bad_request_gets_a_reason(TransferRequest request, string reason) =>
        Assert.Contains(reason, TransferRules.Validate(request));

    [Fact]
    public void A_missing_request_gets_a_reason() => Assert.Contains("missing", TransferRules.Validate(null!));

    [Theory]
    [InlineData(AccountPurpose.CreditIssuance, true)]
    [InlineData(AccountPurpose.Usage, true)]
    [InlineData(AccountPurpose.StripeClearing, true)]
    [InlineData(AccountPurpose.Cash, true)]
    [InlineData(AccountPurpose.Wallet, false)]
    [InlineData(AccountPurpose.Earnings, false)]
    [InlineData(AccountPurpose.LicenseEscrow, false)]
    [InlineData(AccountPurpose.PayoutsInTransit, false)]
    [InlineData(AccountPurpose.Revenue, false)]
    [InlineData(AccountPurpose.Fees, false)]
    [InlineData(AccountPurpose.Payable, false)]
    public void Only_accounts_that_count_outside_money_may_go_negative(AccountPurpose purpose, bool mayGoNegative) =>
        Assert.Equal(mayGoNegative, new AccountRef(null, purpose, Currency.Usd).MayGoNegative);

    [Fact]
    public void Balances_read_as_credits_minus_debits_and_pending_debits_are_not_available()
    {
        var balance = new AccountBalance(DebitsPosted: 300, CreditsPosted: 1_000, DebitsPending: 200, CreditsPending: 50);

        Assert.Equal(700, balance.Posted);
        Assert.Equal(500, balance.Available);
    }
}
