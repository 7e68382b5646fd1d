using GridStream.Domain.Swarms;

namespace GridStream.Domain.Tests.Swarms;

public sealed class TransportNamesTests
{
    [Fact]
    public void Clients_that_name_no_transports_are_taken_to_be_agents()
    {
        var (transports, error) = TransportNames.Parse(null, null);

        Assert.Null(error);
        Assert.Equal(PeerTransports.Agent, transports);
    }

    [Fact]
    public void A_browser_serves_over_webrtc_and_fetches_over_webrtc_and_http()
    {
        var (transports, error) = TransportNames.Parse(["webrtc"], ["webrtc", "HTTP", "http"]);

        Assert.Null(error);
        Assert.Equal(PeerTransports.Browser, transports);
        Assert.Equal(["webrtc", "http"], TransportNames.Names(transports!.Fetches));
    }

    [Fact]
    public void Empty_lists_mean_serving_nothing_and_fetching_from_the_cdn_only() =>
        Assert.Equal(new PeerTransports(Transport.None, Transport.None), TransportNames.Parse([], []).Transports);

    [Theory]
    [InlineData("carrier-pigeon", "Unknown transport 'carrier-pigeon' in 'serves'; known transports: webrtc, http.")]
    [InlineData("", "Unknown transport '' in 'serves'; known transports: webrtc, http.")]
    [InlineData(null, "Unknown transport null in 'serves'; known transports: webrtc, http.")]
    public void Unknown_names_are_refused_with_the_known_ones(string? name, string expected)
    {
        var (transports, error) = TransportNames.Parse([name], null);

        Assert.Null(transports);
        Assert.Equal(expected, error);
    }

    [Fact]
    public void A_huge_list_or_a_huge_name_is_refused_without_echoing_it_whole()
    {
        var tooMany = TransportNames.Parse(null, Enumerable.Repeat("http", 9).ToList());
        var hugeName = TransportNames.Parse(null, [new string('x', 100_000)]);

        Assert.Equal("List at most 8 transports in 'fetches' (known: webrtc, http).", tooMany.Error);
        Assert.StartsWith("Unknown transport 'xxxx", hugeName.Error, StringComparison.Ordinal);
        Assert.True(hugeName.Error!.Length < 120);
    }
}
