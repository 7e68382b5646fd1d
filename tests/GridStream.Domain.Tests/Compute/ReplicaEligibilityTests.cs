using GridStream.Domain.Compute;

namespace GridStream.Domain.Tests.Compute;

public sealed class ReplicaEligibilityTests
{
    private static readonly Guid Alice = Guid.NewGuid();
    private static readonly Guid Bob = Guid.NewGuid();
    private static readonly Guid Carol = Guid.NewGuid();

    private static readonly ReplicaHolder[] Holders = [new(Alice, "203.0.113.0/24"), new(Bob, "2001:db8:1::/48")];

    [Fact]
    public void Anyone_may_take_the_first_replica() =>
        Assert.True(ReplicaEligibility.MayTake([], Alice, "203.0.113.0/24"));

    [Fact]
    public void An_account_never_gets_a_second_replica_of_a_unit_even_from_another_network() =>
        Assert.False(ReplicaEligibility.MayTake(Holders, Alice, "198.51.100.0/24"));

    [Theory]
    [InlineData("203.0.113.0/24")]
    [InlineData("2001:db8:1::/48")]
    [InlineData("2001:DB8:1::/48")]
    public void Another_account_behind_a_holder_subnet_is_refused(string subnet) =>
        Assert.False(ReplicaEligibility.MayTake(Holders, Carol, subnet));

    [Fact]
    public void Another_account_on_another_subnet_may_take_one() =>
        Assert.True(ReplicaEligibility.MayTake(Holders, Carol, "203.0.114.0/24"));

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData(null)]
    public void A_missing_subnet_is_an_error_not_a_free_pass(string? subnet) =>
        Assert.ThrowsAny<ArgumentException>(() => ReplicaEligibility.MayTake(Holders, Carol, subnet!));
}
