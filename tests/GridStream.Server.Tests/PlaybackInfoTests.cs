using System.Net;
using System.Net.Http.Json;
using GridStream.Server.Tests.Infrastructure;

namespace GridStream.Server.Tests;

/// <summary>GET /api/content/{id}/playback: what a player needs to start, for viewers.</summary>
public sealed class PlaybackInfoTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    [Fact]
    public async Task A_viewer_gets_each_renditions_name_and_media_playlist()
    {
        var item = await DemoManifest.CreateAsync(fixture.Server, rendition: "640x360");
        using var viewer = await fixture.Server.SignedUpAsync("viewer");

        var info = await viewer.GetFromJsonAsync<PlaybackInfo>($"/api/content/{item}/playback");

        Assert.Equal(item, info!.ContentId);
        Assert.False(info.Live);
        var rendition = Assert.Single(info.Renditions);
        Assert.Equal(new PlaybackRendition("640x360", 700_000, null, "http://127.0.0.1:9/640x360.m3u8"), rendition);
    }

    [Fact]
    public async Task An_unpublished_item_is_not_found()
    {
        var item = await DemoManifest.CreateAsync(fixture.Server, published: false);
        using var viewer = await fixture.Server.SignedUpAsync("viewer");

        await Problems.ReadAsync(await viewer.GetAsync($"/api/content/{item}/playback"), HttpStatusCode.NotFound);
    }

    private sealed record PlaybackInfo(Guid ContentId, string Title, bool Live, IReadOnlyList<PlaybackRendition> Renditions);

    private sealed record PlaybackRendition(string Name, long Bandwidth, string? Resolution, string PlaylistUrl);
}
