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

    [Fact]
    public async Task The_compute_worker_is_served_with_a_policy_that_allows_no_connections_and_other_bundles_without_it()
    {
        using var anyone = fixture.Server.Anonymous();
        using var worker = await anyone.GetAsync("/assets/" + BuiltWebApp.TaskWorkerName);

        Assert.Equal(HttpStatusCode.OK, worker.StatusCode);
        Assert.Equal("text/javascript", worker.Content.Headers.ContentType?.MediaType);
        var policy = Assert.Single(worker.Headers.GetValues("Content-Security-Policy"));
        var directives = policy.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .ToDictionary(directive => directive.Split(' ')[0], directive => directive[(directive.IndexOf(' ', StringComparison.Ordinal) + 1)..]);
        Assert.Equal("'none'", directives["default-src"]);
        Assert.Equal("'none'", directives["connect-src"]);
        Assert.Equal("'none'", directives["worker-src"]);
        // Only the Function constructor: no script source at all, so import() and importScripts load nothing.
        Assert.Equal("'unsafe-eval'", directives["script-src"]);

        using var bundle = await anyone.GetAsync("/assets/" + BuiltWebApp.BundleName);
        Assert.False(bundle.Headers.Contains("Content-Security-Policy"), "the app's own bundle needs fetch and WebSockets");
        using var map = await anyone.GetAsync("/assets/" + BuiltWebApp.TaskWorkerName + ".map");
        Assert.Equal(HttpStatusCode.OK, map.StatusCode);
        Assert.False(map.Headers.Contains("Content-Security-Policy"));
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
