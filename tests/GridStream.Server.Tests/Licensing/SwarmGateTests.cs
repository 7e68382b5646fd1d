using GridStream.Domain.Accounts;
using GridStream.Domain.Licensing;
using GridStream.Server.Licensing;
using GridStream.Server.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.DependencyInjection;
using static GridStream.Server.Tests.Licensing.LicensingClient;

namespace GridStream.Server.Tests.Licensing;

/// <summary>The swarm manager's half of the gate: Register for priced content takes a valid playback token of one's own.</summary>
public sealed class SwarmGateTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private GridStreamFactory Server => fixture.Server;

    [Fact]
    public async Task Free_content_registers_without_a_token()
    {
        var content = await PricedContentAsync(Server, 0);
        await using var peer = await PeerClient.ConnectAsync(Server);

        var registration = await peer.RegisterAsync(content, "10.1.0.1");

        Assert.Equal(content, registration.Group.ContentId);
    }

    [Fact]
    public async Task Priced_content_refuses_a_missing_forged_expired_foreign_or_other_content_token()
    {
        var content = await PricedContentAsync(Server, 1_000_000);
        var otherContent = await PricedContentAsync(Server, 1_000_000);
        using var viewer = await Server.SignedUpAsync(Roles.Viewer);
        var viewerId = await IdOfAsync(viewer);
        await using var peer = await PeerClient.ConnectAsync(Server, viewer.DefaultRequestHeaders.Authorization!.Parameter!);
        var key = await Server.Services.GetRequiredService<PlaybackTokenKeySource>().GetAsync(CancellationToken.None);
        var forgedKey = new byte[32];
        var now = DateTimeOffset.UtcNow;

        var missing = await RefusalAsync(peer, content, null);
        var forged = await RefusalAsync(peer, content, PlaybackTokens.Issue(forgedKey, new PlaybackTokenClaims(viewerId, content, now.AddMinutes(5))));
        var expired = await RefusalAsync(peer, content, PlaybackTokens.Issue(key, new PlaybackTokenClaims(viewerId, content, now.AddMinutes(-1))));
        var foreign = await RefusalAsync(peer, content, PlaybackTokens.Issue(key, new PlaybackTokenClaims(Guid.NewGuid(), content, now.AddMinutes(5))));
        var elsewhere = await RefusalAsync(peer, content, PlaybackTokens.Issue(key, new PlaybackTokenClaims(viewerId, otherContent, now.AddMinutes(5))));

        Assert.Contains("playback token", missing, StringComparison.Ordinal);
        Assert.Contains("altered", forged, StringComparison.Ordinal);
        Assert.Contains("expired", expired, StringComparison.Ordinal);
        Assert.Contains("another account", foreign, StringComparison.Ordinal);
        Assert.Contains("other content", elsewhere, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Priced_content_registers_with_a_valid_token_of_ones_own()
    {
        var content = await PricedContentAsync(Server, 1_000_000);
        using var viewer = await Server.SignedUpAsync(Roles.Viewer);
        var viewerId = await IdOfAsync(viewer);
        await using var peer = await PeerClient.ConnectAsync(Server, viewer.DefaultRequestHeaders.Authorization!.Parameter!);
        // No payments on this server: the license is what a paid purchase leaves behind (the paid path has its own tests).
        var key = await Server.Services.GetRequiredService<PlaybackTokenKeySource>().GetAsync(CancellationToken.None);
        var token = PlaybackTokens.Issue(key, new PlaybackTokenClaims(viewerId, content, DateTimeOffset.UtcNow.AddMinutes(5)));

        var registration = await peer.RegisterAsync(content, "10.1.0.2", playbackToken: token);

        Assert.Equal(content, registration.Group.ContentId);
    }

    private static async Task<string> RefusalAsync(PeerClient peer, Guid content, string? token) =>
        (await Assert.ThrowsAsync<HubException>(() => peer.RegisterAsync(content, "10.1.0.9", playbackToken: token))).Message;
}
