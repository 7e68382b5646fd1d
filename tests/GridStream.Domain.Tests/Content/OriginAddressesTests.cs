using System.Net;
using GridStream.Domain.Content;

namespace GridStream.Domain.Tests.Content;

public sealed class OriginAddressesTests
{
    [Theory]
    [InlineData("93.184.216.34", AddressKind.Public)]
    [InlineData("2606:2800:220:1:248:1893:25c8:1946", AddressKind.Public)]
    [InlineData("127.0.0.1", AddressKind.Loopback)]
    [InlineData("127.255.1.2", AddressKind.Loopback)]
    [InlineData("::1", AddressKind.Loopback)]
    [InlineData("10.1.2.3", AddressKind.Private)]
    [InlineData("172.16.0.1", AddressKind.Private)]
    [InlineData("172.31.255.255", AddressKind.Private)]
    [InlineData("172.32.0.1", AddressKind.Public)]
    [InlineData("192.168.1.1", AddressKind.Private)]
    [InlineData("100.64.0.1", AddressKind.Private)]
    [InlineData("169.254.169.254", AddressKind.LinkLocal)]
    [InlineData("fe80::1", AddressKind.LinkLocal)]
    [InlineData("fd00:ec2::254", AddressKind.UniqueLocal)]
    [InlineData("fc00::1", AddressKind.UniqueLocal)]
    [InlineData("224.0.0.1", AddressKind.Multicast)]
    [InlineData("ff02::1", AddressKind.Multicast)]
    [InlineData("0.0.0.0", AddressKind.Unspecified)]
    [InlineData("::", AddressKind.Unspecified)]
    [InlineData("255.255.255.255", AddressKind.Reserved)]
    [InlineData("::ffff:127.0.0.1", AddressKind.Loopback)]
    [InlineData("::ffff:169.254.169.254", AddressKind.LinkLocal)]
    [InlineData("::ffff:93.184.216.34", AddressKind.Public)]
    [InlineData("64:ff9b::10.0.0.1", AddressKind.Private)]
    public void Addresses_are_classified_by_the_network_they_belong_to(string address, AddressKind expected) =>
        Assert.Equal(expected, OriginAddresses.Classify(IPAddress.Parse(address)));
}
