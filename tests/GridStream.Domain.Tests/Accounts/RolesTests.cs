using GridStream.Domain.Accounts;

namespace GridStream.Domain.Tests.Accounts;

public sealed class RolesTests
{
    [Theory]
    [InlineData("viewer", "viewer")]
    [InlineData("Customer", "customer")]
    [InlineData("  OWNER ", "owner")]
    public void Viewer_customer_and_owner_can_be_chosen_in_any_case(string requested, string expected) =>
        Assert.Equal(expected, Roles.ParseSignUpChoice(requested));

    [Theory]
    [InlineData("admin")]
    [InlineData("ADMIN")]
    [InlineData("")]
    [InlineData(null)]
    [InlineData("superuser")]
    public void Admin_and_unknown_roles_cannot_be_chosen(string? requested) =>
        Assert.Null(Roles.ParseSignUpChoice(requested));

    [Fact]
    public void Every_role_but_admin_is_choosable() =>
        Assert.Equal(Roles.All.Where(role => role != Roles.Admin), Roles.ChoosableAtSignUp);
}
