using System.Net;
using GridStream.Domain.Content;

namespace GridStream.Domain.Tests.Content;

public sealed class OriginAllowListTests
{
    [Fact]
    public void By_default_only_public_addresses_are_allowed_and_the_refusal_says_why()
    {
        var metadata = OriginAllowList.None.Check("metadata.attacker.example", IPAddress.Parse("169.254.169.254"));

        Assert.True(OriginAllowList.None.Check("cdn.example.com", IPAddress.Parse("93.184.216.34")).Allowed);
        Assert.False(metadata.Allowed);
        Assert.Contains("metadata.attacker.example resolves to 169.254.169.254", metadata.Reason, StringComparison.Ordinal);
        Assert.Contains("link-local", metadata.Reason, StringComparison.Ordinal);
        Assert.Contains("GridStream:Origins:Allow", metadata.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Allowed_networks_and_addresses_open_exactly_those_addresses()
    {
        var allow = OriginAllowList.Parse(["10.20.0.0/16, ::1", "192.168.7.7"]);

        Assert.True(allow.Check("media.internal", IPAddress.Parse("10.20.3.4")).Allowed);
        Assert.True(allow.Check("::1", IPAddress.IPv6Loopback).Allowed);
        Assert.True(allow.Check("box", IPAddress.Parse("192.168.7.7")).Allowed);
        Assert.True(allow.Check("box", IPAddress.Parse("::ffff:10.20.0.1")).Allowed);
        Assert.False(allow.Check("box", IPAddress.Parse("192.168.7.8")).Allowed);
        Assert.False(allow.Check("media.internal", IPAddress.Parse("10.21.0.1")).Allowed);
        Assert.False(allow.Check("localhost", IPAddress.Loopback).Allowed);
    }

    [Fact]
    public void Allowed_host_names_are_trusted_whatever_they_resolve_to()
    {
        var allow = OriginAllowList.Parse(["media.internal *.studio.internal"]);

        Assert.True(allow.Check("MEDIA.internal.", IPAddress.Parse("10.0.0.5")).Allowed);
        Assert.True(allow.Check("cam1.studio.internal", IPAddress.Parse("192.168.0.9")).Allowed);
        Assert.False(allow.Check("studio.internal.evil.example", IPAddress.Parse("192.168.0.9")).Allowed);
        Assert.False(allow.Check("other.internal", IPAddress.Parse("10.0.0.5")).Allowed);
    }

    [Theory]
    [InlineData("http://127.0.0.1:8080/master.m3u8")]
    [InlineData("http://127.1/master.m3u8")]
    [InlineData("http://0x7f000001/master.m3u8")]
    [InlineData("http://[::1]/master.m3u8")]
    [InlineData("http://[::ffff:169.254.169.254]/latest/meta-data")]
    [InlineData("https://169.254.169.254/latest/meta-data")]
    [InlineData("http://10.0.0.1/live.m3u8")]
    public void Urls_with_a_forbidden_address_literal_are_refused_at_registration(string url)
    {
        var verdict = OriginAllowList.None.CheckLiteral(new Uri(url));

        Assert.False(verdict.Allowed);
        Assert.Contains("GridStream only fetches from public origins", verdict.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("https://cdn.example.com/master.m3u8")]
    [InlineData("http://localhost:5080/master.m3u8")]
    [InlineData("http://93.184.216.34/master.m3u8")]
    public void Host_names_and_public_literals_pass_registration_and_are_judged_when_fetched(string url) =>
        Assert.True(OriginAllowList.None.CheckLiteral(new Uri(url)).Allowed);

    [Theory]
    [InlineData("not a network/99")]
    [InlineData("10.0.0.0/33")]
    [InlineData("http://x")]
    public void Entries_that_are_not_networks_addresses_or_names_are_refused(string entry) =>
        Assert.Throws<FormatException>(() => OriginAllowList.Parse([entry]));
}
