using GridStream.Server.Tests.Infrastructure;

namespace GridStream.Server.Tests;

/// <summary>The operator's allow list: an allowed host name is fetched; a redirect from it to a private address is not.</summary>
public sealed class OriginAllowedHostTests(LocalhostAllowedFixture fixture, TestOrigin origin) : IClassFixture<LocalhostAllowedFixture>, IClassFixture<TestOrigin>
{
    [Fact]
    public async Task An_allowed_host_name_is_read_but_a_redirect_to_a_loopback_literal_is_refused_at_connect_time()
    {
        origin.Put("allowed/master.m3u8", TestOrigin.MediaPlaylist(0, ["s0.ts"], ended: true));
        origin.PutSegment("allowed/s0.ts");
        origin.PutRedirect("bounce/master.m3u8", origin.Url("allowed/master.m3u8")); // http://127.0.0.1:port/…
        using var owner = await fixture.Server.SignedUpAsync("owner");
        var localhost = $"http://localhost:{origin.Address.Port}";

        var allowed = await Manifests.WaitAsync(owner, await Manifests.RegisterAsync(owner, new Uri($"{localhost}/allowed/master.m3u8")));
        var requestsBefore = origin.RequestsFor("allowed/master.m3u8");
        var bounced = await Manifests.WaitAsync(owner, await Manifests.RegisterAsync(owner, new Uri($"{localhost}/bounce/master.m3u8")));

        Assert.Equal("Ready", allowed.ManifestState);
        Assert.Equal("Failed", bounced.ManifestState);
        Assert.Contains("127.0.0.1 is a loopback address", bounced.ManifestError, StringComparison.Ordinal);
        Assert.Equal(1, origin.RequestsFor("bounce/master.m3u8"));
        Assert.Equal(requestsBefore, origin.RequestsFor("allowed/master.m3u8"));
    }
}
