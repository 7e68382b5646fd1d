using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using GridStream.Agent.Cli;
using GridStream.Agent.Connection;
using GridStream.Agent.Swarming;
using GridStream.Domain.Accounts;
using GridStream.Domain.Swarms.Protocol;
using GridStream.Server.Tests.Infrastructure;
using Xunit.Abstractions;
using static GridStream.Server.Tests.Licensing.LicensingClient;

namespace GridStream.Server.Tests.Licensing;

/// <summary>The origin's half of the gate, on the priced demo item: its segments need a playback token, its playlists don't.</summary>
public sealed class PremiumOriginTests(PaidDemoServerFixture fixture, ITestOutputHelper log) : IClassFixture<PaidDemoServerFixture>
{
    private static readonly Guid Premium = Guid.Parse("0d3e0000-0000-4000-8000-000000000003");
    private static readonly Guid FreeOnDemand = Guid.Parse("0d3e0000-0000-4000-8000-000000000001");
    private const string Rendition = "426x240";
    private const string Password = "correct-horse-1";

    private GridStreamFactory Server => fixture.Server;

    [Fact]
    public async Task Premium_segments_are_refused_without_a_valid_token_and_served_with_one()
    {
        var segment = (await SegmentsAsync(Premium))[3];
        var freeSegment = (await SegmentsAsync(FreeOnDemand))[3];
        using var anyone = Server.Anonymous();
        var (viewer, _) = await FundedViewerAsync(credits: 1_000_000);
        using var signedIn = viewer;
        var freeToken = await TokenAsync(viewer, FreeOnDemand);

        var missing = await Problems.ReadAsync(await anyone.GetAsync(segment.Url), HttpStatusCode.Unauthorized);
        await Problems.ReadAsync(await anyone.GetAsync(segment.Url + "?token=not-a-token"), HttpStatusCode.Forbidden);
        var elsewhere = await Problems.ReadAsync(await anyone.GetAsync($"{segment.Url}?token={freeToken.Token}"), HttpStatusCode.Forbidden);
        Assert.Contains("playback-token", missing.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains("other content", elsewhere.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await anyone.GetAsync("/origin/demo-premium/master.m3u8")).StatusCode);
        Assert.Equal(freeSegment.Sha256, await HashOfAsync(anyone, new HttpRequestMessage(HttpMethod.Get, freeSegment.Url)));

        await BoughtAsync(await BuyAsync(viewer, Premium), HttpStatusCode.Created);
        var token = await TokenAsync(viewer, Premium);
        var byQuery = await HashOfAsync(anyone, new HttpRequestMessage(HttpMethod.Get, $"{segment.Url}?token={token.Token}"));
        var byHeader = new HttpRequestMessage(HttpMethod.Get, segment.Url) { Headers = { { "X-Playback-Token", token.Token } } };

        Assert.Equal(segment.Sha256, byQuery);
        Assert.Equal(segment.Sha256, await HashOfAsync(anyone, byHeader));
    }

    [Fact]
    public async Task The_agent_buys_a_license_and_watches_premium_content_through_the_gate()
    {
        await SegmentsAsync(Premium);
        var (viewer, email) = await FundedViewerAsync(credits: 1_000_000);
        using var signedIn = viewer;
        using var http = new HttpClient();
        var settings = new SwarmSettings(Server.Address, new ContentRendition(Premium, Rendition), Viewers: 2, TimeSpan.FromSeconds(6),
            new Credentials(email, Password), Speed: 4, ReportInterval: TimeSpan.FromMilliseconds(500), ProgressInterval: TimeSpan.FromSeconds(1));

        var outcomes = await SwarmRunner.RunAsync(settings, http, new TestLog(log), CancellationToken.None);

        Assert.All(outcomes, agent => Assert.True(agent.Figures.Segments >= 3, $"{agent.PeerId} played {agent.Figures.Segments} segments"));
        Assert.Equal(0, outcomes.Sum(agent => agent.Figures.BadSegments));
        var license = Assert.Single((await LicensesAsync(viewer)).Items);
        Assert.Equal(Premium, license.ContentId);
        Assert.Equal((0L, 1L), await Wallets.StateAsync(Server, await IdOfAsync(viewer)));
    }

    [Fact]
    public async Task An_agent_without_credits_stops_with_the_reason()
    {
        await SegmentsAsync(Premium);
        using var http = new HttpClient();
        var settings = new SwarmSettings(Server.Address, new ContentRendition(Premium, Rendition), Viewers: 1, TimeSpan.FromSeconds(2));

        var failure = await Assert.ThrowsAsync<AgentFailure>(() => SwarmRunner.RunAsync(settings, http, new TestLog(log), CancellationToken.None));

        Assert.Contains("wallet", failure.Message, StringComparison.Ordinal);
    }

    private async Task<(HttpClient Viewer, string Email)> FundedViewerAsync(long credits)
    {
        var email = $"premium-{Guid.NewGuid():N}@gridstream.test";
        using (var anonymous = Server.Anonymous())
        {
            (await anonymous.PostAsJsonAsync("/api/accounts/signup", new { email, password = Password, role = Roles.Viewer })).EnsureSuccessStatusCode();
        }

        var viewer = await Server.SignedInAsync(email, Password);
        await Wallets.FundAsync(Server, await IdOfAsync(viewer), credits);
        return (viewer, email);
    }

    private async Task<Manifests.SegmentView[]> SegmentsAsync(Guid content)
    {
        using var anyone = Server.Anonymous();
        var deadline = DateTime.UtcNow.AddSeconds(120);
        while (true)
        {
            using var response = await anyone.GetAsync($"/api/content/{content}/segments?rendition={Rendition}&from=0&count=30");
            if (response.IsSuccessStatusCode && (await response.Content.ReadFromJsonAsync<Manifests.SegmentPage>())!.Segments is { Length: >= 10 } segments)
            {
                return segments;
            }

            Assert.True(DateTime.UtcNow < deadline, $"The demo item {content} has no manifest after 120 s.");
            await Task.Delay(250);
        }
    }

    private static async Task<string> HashOfAsync(HttpClient client, HttpRequestMessage request)
    {
        using (request)
        {
            using var response = await client.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return Convert.ToHexStringLower(SHA256.HashData(await response.Content.ReadAsByteArrayAsync()));
        }
    }
}
