using System.Net;
using GridStream.Agent.Peering;

namespace GridStream.Server.Tests;

/// <summary>The agent's segment server over real HTTP, as a browser in its group reaches it: the CORS rule for free and priced items.</summary>
public sealed class AgentSegmentSharingTests
{
    private static readonly SegmentKey Key = new(Guid.NewGuid(), "240p", 3);
    private static readonly Uri GridStreamServer = new("http://watch.example:5080/some/path");

    [Fact]
    public async Task Segments_of_a_free_item_may_be_read_by_any_page_and_so_may_the_not_yet_answer()
    {
        await using var server = await StartAsync(priced: false, holding: true);
        using var http = new HttpClient();

        using var held = await GetAsync(http, new Uri(server.Address, Key.Path), origin: "http://anywhere.example");
        using var missing = await GetAsync(http, new Uri(server.Address, (Key with { Sequence = 4 }).Path), origin: "http://anywhere.example");

        Assert.Equal(HttpStatusCode.OK, held.StatusCode);
        Assert.Equal("*", AllowedOrigin(held));
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("*", AllowedOrigin(missing));
    }

    [Fact]
    public async Task Segments_of_a_priced_item_may_be_read_only_by_the_gridstream_app_origin()
    {
        await using var server = await StartAsync(priced: true, holding: true);
        using var http = new HttpClient();

        using var response = await GetAsync(http, new Uri(server.Address, Key.Path), origin: "http://elsewhere.example");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("http://watch.example:5080", AllowedOrigin(response));
        Assert.Contains("Origin", response.Headers.Vary);
    }

    [Fact]
    public async Task A_preflight_allows_get_from_a_more_private_network_and_nothing_but_get_is_served()
    {
        await using var server = await StartAsync(priced: false, holding: true);
        using var http = new HttpClient();
        var url = new Uri(server.Address, Key.Path);
        using var preflight = new HttpRequestMessage(HttpMethod.Options, url);
        preflight.Headers.Add("Origin", "http://anywhere.example");
        preflight.Headers.Add("Access-Control-Request-Method", "GET");
        preflight.Headers.Add("Access-Control-Request-Private-Network", "true");

        using var answer = await http.SendAsync(preflight);
        using var post = await http.PostAsync(url, new ByteArrayContent([1, 2, 3]));

        Assert.Equal(HttpStatusCode.NoContent, answer.StatusCode);
        Assert.Equal("*", AllowedOrigin(answer));
        Assert.Equal("GET", Assert.Single(answer.Headers.GetValues("Access-Control-Allow-Methods")));
        Assert.Equal("true", Assert.Single(answer.Headers.GetValues("Access-Control-Allow-Private-Network")));
        Assert.Equal(HttpStatusCode.MethodNotAllowed, post.StatusCode);
    }

    private static async Task<SegmentServer> StartAsync(bool priced, bool holding)
    {
        var cache = new SegmentCache(10);
        if (holding)
        {
            cache.Add(Key, new byte[1_000]);
        }

        return await SegmentServer.StartAsync(cache, new UploadGate(upKbps: 20_000), IPAddress.Loopback, corrupt: false,
            SegmentSharing.For(priced, GridStreamServer), CancellationToken.None);
    }

    private static async Task<HttpResponseMessage> GetAsync(HttpClient http, Uri url, string origin)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Add("Origin", origin);
        return await http.SendAsync(request);
    }

    private static string? AllowedOrigin(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Access-Control-Allow-Origin", out var values) ? Assert.Single(values) : null;
}
