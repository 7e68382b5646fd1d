using System.Net;
using System.Net.Http.Json;
using GridStream.Server.Tests.Infrastructure;

namespace GridStream.Server.Tests;

/// <summary>
/// The origin guard with the production default: owners' playlist URLs may not lead the server to itself, its private
/// network or a metadata service — refused at registration for address literals, at connect time for host names.
/// </summary>
public sealed class OriginGuardTests(PublicOriginsOnlyFixture fixture, TestOrigin origin) : IClassFixture<PublicOriginsOnlyFixture>, IClassFixture<TestOrigin>
{
    [Theory]
    [InlineData("http://127.0.0.1:{port}/guard/master.m3u8", "loopback")]
    [InlineData("http://[::1]:{port}/guard/master.m3u8", "loopback")]
    [InlineData("http://169.254.169.254/latest/meta-data/", "link-local")]
    [InlineData("http://10.0.0.7/live/master.m3u8", "private-network")]
    public async Task Registering_a_url_with_a_forbidden_address_is_a_400_that_says_why(string template, string kind)
    {
        using var owner = await fixture.Server.SignedUpAsync("owner");
        var url = template.Replace("{port}", origin.Address.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);

        var response = await owner.PostAsJsonAsync("/api/content", new { title = "Internal", masterPlaylistUrl = url, priceMicroCredits = 0 });

        var problem = await Problems.ReadValidationAsync(response);
        var message = Assert.Single(problem.Errors["masterPlaylistUrl"]);
        Assert.Contains(kind, message, StringComparison.Ordinal);
        Assert.Contains("GridStream:Origins:Allow", message, StringComparison.Ordinal);
        Assert.Equal(0, origin.RequestsFor("guard/master.m3u8"));
    }

    [Fact]
    public async Task Changing_an_item_to_a_forbidden_address_is_refused_too()
    {
        using var owner = await fixture.Server.SignedUpAsync("owner");
        var id = await Manifests.RegisterAsync(owner, new Uri("https://cdn.example.com/keynote/master.m3u8"));

        var response = await owner.PutAsJsonAsync($"/api/content/{id}", new { title = "Keynote", masterPlaylistUrl = "http://192.168.1.1/master.m3u8", priceMicroCredits = 0 });

        var problem = await Problems.ReadValidationAsync(response);
        Assert.Contains("private-network", Assert.Single(problem.Errors["masterPlaylistUrl"]), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_host_name_that_resolves_to_loopback_is_refused_when_fetched_and_the_owner_is_told()
    {
        origin.Put("named/master.m3u8", TestOrigin.MediaPlaylist(0, ["s0.ts"], ended: true));
        using var owner = await fixture.Server.SignedUpAsync("owner");

        var id = await Manifests.RegisterAsync(owner, new Uri($"http://localhost:{origin.Address.Port}/named/master.m3u8"));
        var view = await Manifests.WaitAsync(owner, id);

        Assert.Equal("Failed", view.ManifestState);
        Assert.Contains("localhost resolves to", view.ManifestError, StringComparison.Ordinal);
        Assert.Contains("loopback", view.ManifestError, StringComparison.Ordinal);
        Assert.Equal(0, origin.RequestsFor("named/master.m3u8"));
    }
}
