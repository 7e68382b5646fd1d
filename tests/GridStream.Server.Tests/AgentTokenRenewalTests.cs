using System.Net;
using GridStream.Agent.Connection;
using GridStream.Agent.Watching;
using GridStream.Domain.Swarms.Protocol;
using GridStream.Server.Tests.Infrastructure;
using Xunit.Abstractions;

namespace GridStream.Server.Tests;

/// <summary>Class fixture: a server whose bearer tokens last four seconds, so a short watch outlives several.</summary>
public sealed class ShortTokenServerFixture : IAsyncLifetime
{
    public static readonly TimeSpan TokenLifetime = TimeSpan.FromSeconds(4);

    private GridStreamFactory? _factory;

    public GridStreamFactory Server => _factory ?? throw new InvalidOperationException("The fixture has not started.");

    public async Task InitializeAsync()
    {
        _factory = new GridStreamFactory(await TestCluster.CreateDatabaseAsync()) { BearerTokenLifetime = TokenLifetime };
        await _factory.StartAsync();
    }

    public async Task DisposeAsync()
    {
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }
    }
}

/// <summary>
/// A watch that outlives its bearer token: the server closes the hub connection when the token expires, and the agent
/// reconnects with a token renewed through its refresh token, registers again and watches on without a gap.
/// </summary>
public sealed class AgentTokenRenewalTests(ShortTokenServerFixture fixture, ITestOutputHelper log) : IClassFixture<ShortTokenServerFixture>
{
    [Fact]
    public async Task An_agent_renews_its_token_and_rejoins_when_the_server_closes_the_expired_connection()
    {
        var server = fixture.Server;
        await using var origin = await SegmentOrigin.StartAsync(segments: 60, segmentBytes: 24_000);
        var content = await OriginManifest.CreateAsync(server, origin, segmentDurationMs: 500);
        using var http = new HttpClient();
        var tokens = await AccessTokens.SignInAsync(http, server.Address, credentials: null, TimeProvider.System, CancellationToken.None);
        var settings = new AgentSettings(server.Address, new ContentRendition(content, OriginManifest.Rendition),
            new DeclaredNetwork("edge-test", ["home", "isp", "edge-test"], 20_000, 8_000, "10.1.0.1"), IPAddress.Loopback,
            ReportInterval: TimeSpan.FromMilliseconds(500));

        await using var agent = await ViewerAgent.JoinAsync(settings, tokens, http, CancellationToken.None);
        await agent.WatchAsync(3 * ShortTokenServerFixture.TokenLifetime, CancellationToken.None);

        log.WriteLine($"rejoins {agent.Rejoins}, renewals {tokens.Renewals}, figures {agent.Figures}");
        Assert.Null(agent.RemovedBecause);
        Assert.True(agent.Rejoins >= 1, "the server should have closed the connection of an expired token at least once");
        Assert.True(tokens.Renewals >= 1, "the token should have been renewed with the refresh token");
        // Twelve seconds of half-second segments: well over half of them played despite the reconnects.
        Assert.InRange(agent.Figures.Segments, 14, 60);
        Assert.Equal(0, agent.Figures.BadSegments);
    }
}
