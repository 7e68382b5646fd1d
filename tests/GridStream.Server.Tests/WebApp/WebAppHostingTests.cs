using System.Net;
using GridStream.Server.Tests.Infrastructure;

namespace GridStream.Server.Tests.WebApp;

/// <summary>The built viewer app is served at its page paths and /assets only, never in place of the server's own paths.</summary>
public sealed class WebAppHostingTests(WebAppServerFixture fixture) : IClassFixture<WebAppServerFixture>
{
    [Theory]
    [InlineData("/")]
    [InlineData("/signin")]
    [InlineData("/signup")]
    [InlineData("/catalog")]
    [InlineData("/wallet")]
    [InlineData("/watch/0d3e0000-0000-4000-8000-000000000001")]
    public async Task The_apps_pages_answer_with_its_index_page_fetched_afresh(string path)
    {
        using var anyone = fixture.Server.Anonymous();
        using var response = await anyone.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(BuiltWebApp.IndexMarker, await response.Content.ReadAsStringAsync());
        Assert.True(response.Headers.CacheControl?.NoCache, "index.html names the current bundles");
    }

    [Fact]
    public async Task Bundles_are_served_from_assets_and_cached_for_good()
    {
        using var anyone = fixture.Server.Anonymous();
        using var response = await anyone.GetAsync("/assets/" + BuiltWebApp.BundleName);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/javascript", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("public, max-age=31536000, immutable", response.Headers.CacheControl?.ToString());
        Assert.Equal(HttpStatusCode.NotFound, (await anyone.GetAsync("/assets/missing.js")).StatusCode);
    }

    [Theory]
    [InlineData("/api/no-such-thing")]
    [InlineData("/api/content/not-a-guid")]
    [InlineData("/hubs/no-such-hub")]
    [InlineData("/origin/demo/master.m3u8")]
    [InlineData("/watch/not-a-guid")]
    [InlineData("/index.html")]
    public async Task Paths_that_are_not_the_apps_pages_never_get_its_index_page(string path)
    {
        using var anyone = fixture.Server.Anonymous();
        using var response = await anyone.GetAsync(path);

        Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain(BuiltWebApp.IndexMarker, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_servers_own_pages_still_answer()
    {
        using var anyone = fixture.Server.Anonymous();
        using var health = await anyone.GetAsync("/healthz");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal("application/json", health.Content.Headers.ContentType?.MediaType);
        await Problems.ReadAsync(await anyone.GetAsync("/api/me"), HttpStatusCode.Unauthorized);
    }
}

/// <summary>Without a built app the server serves its API and says how to build the app.</summary>
public sealed class NoWebAppHostingTests(NoWebAppServerFixture fixture) : IClassFixture<NoWebAppServerFixture>
{
    [Fact]
    public async Task The_server_runs_api_only_and_logs_how_to_build_the_app()
    {
        using var anyone = fixture.Server.Anonymous();
        Assert.Equal(HttpStatusCode.NotFound, (await anyone.GetAsync("/catalog")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anyone.GetAsync("/api/content")).StatusCode);
        Assert.Contains(fixture.Server.Logs.Entries, entry => entry.Message.Contains("npm run build", StringComparison.Ordinal));
    }
}
