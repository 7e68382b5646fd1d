using System.Net;
using GridStream.Domain.Swarms;

namespace GridStream.Domain.Tests.Swarms;

public sealed class AsnTableTests
{
    private const string Table = """
        # cidr        asn   name
        10.0.0.0/8    64500 Example Backbone
        10.20.0.0/16  AS64501 Example Regional
        10.20.30.0/24 64502
        2001:db8::/32 64510 Example v6
        """;

    [Theory]
    [InlineData("10.1.2.3", 64500)]
    [InlineData("10.20.1.1", 64501)]
    [InlineData("10.20.30.40", 64502)]
    [InlineData("::ffff:10.20.30.40", 64502)]
    [InlineData("2001:db8:ffff::1", 64510)]
    public void The_longest_matching_prefix_wins(string address, int asn) =>
        Assert.Equal(asn, AsnTable.Parse(Table).Lookup(IPAddress.Parse(address)));

    [Theory]
    [InlineData("192.0.2.1")]
    [InlineData("2001:db9::1")]
    public void Addresses_outside_the_table_have_no_asn(string address) =>
        Assert.Null(AsnTable.Parse(Table).Lookup(IPAddress.Parse(address)));

    [Theory]
    [InlineData("10.0.0.0/8")]
    [InlineData("not-a-cidr 64500")]
    [InlineData("10.0.0.0/33 64500")]
    [InlineData("10.0.0.0/8 sixty")]
    public void Malformed_lines_name_their_line_number(string line)
    {
        var error = Assert.Throws<FormatException>(() => AsnTable.Parse("# header\n" + line));

        Assert.Contains("line 2", error.Message, StringComparison.Ordinal);
    }
}
