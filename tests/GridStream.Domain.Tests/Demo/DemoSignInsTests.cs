using GridStream.Domain.Accounts;
using GridStream.Domain.Demo;

namespace GridStream.Domain.Tests.Demo;

public sealed class DemoSignInsTests
{
    [Fact]
    public void The_demo_makes_an_admin_only_when_none_is_configured()
    {
        Assert.Equal([Roles.Owner, Roles.Customer, Roles.Viewer, Roles.Admin], DemoSignIns.Wanted(withAdmin: true).Select(w => w.Role));
        Assert.DoesNotContain(DemoSignIns.Wanted(withAdmin: false), w => w.Role == Roles.Admin);
    }

    [Fact]
    public void A_file_round_trips_and_finds_each_role()
    {
        var signIns = new DemoSignIns([new(Roles.Owner, DemoSignIns.OwnerEmail, "demo-aa-a1"), new(Roles.Viewer, DemoSignIns.ViewerEmail, "demo-bb-a1")]);

        var read = DemoSignIns.Parse(signIns.ToJson());

        Assert.NotNull(read);
        Assert.Equal("demo-bb-a1", read.For(Roles.Viewer)?.Password);
        Assert.Null(read.For(Roles.Admin));
    }

    [Theory]
    [InlineData("")]
    [InlineData("not json")]
    [InlineData("[]")]
    [InlineData("{\"accounts\": null}")]
    [InlineData("{\"accounts\": [{\"role\": \"owner\", \"email\": \"a@b.c\"}]}")]
    [InlineData("{\"accounts\": [{\"role\": \"owner\", \"email\": \"a@b.c\", \"password\": 7}]}")]
    public void A_damaged_file_is_not_trusted(string text) => Assert.Null(DemoSignIns.Parse(text));

    [Fact]
    public void New_passwords_differ_and_meet_the_password_rules()
    {
        var passwords = Enumerable.Range(0, 50).Select(_ => DemoSignIns.NewPassword()).ToList();

        Assert.Equal(50, passwords.Distinct().Count());
        Assert.All(passwords, p =>
        {
            Assert.True(p.Length >= 12);
            Assert.Contains(p, char.IsDigit);
            Assert.Contains(p, char.IsLower);
        });
    }
}
