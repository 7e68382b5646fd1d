using GridStream.Domain.Accounts;

namespace GridStream.Domain.Tests.Accounts;

public sealed class SignUpRequestRulesTests
{
    [Fact]
    public void A_complete_request_has_no_errors() =>
        Assert.Empty(SignUpRequestRules.Check("ada@example.com", "long-enough-1", "viewer"));

    [Fact]
    public void Every_missing_field_is_named() =>
        Assert.Equal(["email", "password", "role"], SignUpRequestRules.Check(null, "", null).Keys.Order());

    [Theory]
    [InlineData("no-at-sign")]
    [InlineData("@example.com")]
    [InlineData("ada@")]
    [InlineData("ada@@example.com")]
    [InlineData("ada lovelace@example.com")]
    public void Malformed_emails_are_rejected(string email) =>
        Assert.Equal(["email"], SignUpRequestRules.Check(email, "long-enough-1", "owner").Keys);

    [Fact]
    public void Overlong_emails_are_rejected()
    {
        var email = new string('a', SignUpRequestRules.MaxEmailLength) + "@example.com";

        Assert.Equal(["email"], SignUpRequestRules.Check(email, "long-enough-1", "owner").Keys);
    }

    [Fact]
    public void Admin_is_an_error_on_the_role_field() =>
        Assert.Equal(["role"], SignUpRequestRules.Check("ada@example.com", "long-enough-1", "admin").Keys);
}
