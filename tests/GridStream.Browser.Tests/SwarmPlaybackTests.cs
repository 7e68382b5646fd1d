using System.Globalization;
using GridStream.Browser.Tests.Infrastructure;
using GridStream.Server.Tests.Infrastructure;
using Microsoft.Playwright;
using static GridStream.Browser.Tests.Infrastructure.ViewerSteps;

namespace GridStream.Browser.Tests;

/// <summary>Pages watching the same item open WebRTC data channels to each other and pass verified segments over them.</summary>
public sealed class SwarmPlaybackTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>, IAsyncLifetime
{
    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => fixture.CloseOpenPagesAsync();

    private GridStreamFactory Server => fixture.Server;

    [Fact]
    public async Task Two_pages_on_one_item_exchange_segments_over_a_data_channel_and_both_play()
    {
        await WaitForDemoManifestsAsync(Server);
        var first = await fixture.NewPageAsync();
        await SignUpAsync(first, "swarm-01-sign-up");
        await first.GotoAsync($"/watch/{OnDemand}");
        await WaitUntilPlayingAsync(first, seconds: 2);

        var second = await fixture.NewPageAsync();
        await SignUpAsync(second, "swarm-02-sign-up");
        await second.GotoAsync($"/watch/{OnDemand}");
        await WaitUntilPlayingAsync(second, seconds: 3);

        foreach (var page in new[] { first, second })
        {
            await Assertions.Expect(page.Locator("#group-size")).ToHaveTextAsync("2");
            await Assertions.Expect(page.Locator("#open-channels")).ToHaveTextAsync("1");
        }

        // The second page's planned segments come from the first one whenever the first is their designated fetcher.
        await second.WaitForFunctionAsync(
            "() => Number(document.querySelector('#peer-bytes').dataset.bytes) > 0", null, new() { Timeout = 90_000, PollingInterval = 500 });
        await WaitUntilPlayingAsync(second, seconds: await CurrentTimeAsync(second) + 2);
        await Screenshots.SaveAsync(first, "swarm-03-first-page");
        await Screenshots.SaveAsync(second, "swarm-04-second-page");

        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var swarm = (await SwarmsAsync(Server)).FirstOrDefault(view => view.ContentId == OnDemand);
            if (swarm is { Peers: 2, PeerBytes: > 0 })
            {
                Assert.Equal(0, swarm.Stalls);
                // The hub adds up the pages' reports, which lag their counters: read the pages after the hub.
                Assert.InRange(swarm.PeerBytes, 1, await BytesAsync(second, "#peer-bytes") + await BytesAsync(first, "#peer-bytes"));
                break;
            }

            Assert.True(DateTime.UtcNow < deadline, $"The hub never heard of peer bytes; last seen: {swarm}");
            await Task.Delay(250);
        }

        await first.Context.CloseAsync();
        await second.Context.CloseAsync();
    }

    [Fact]
    public async Task When_a_page_of_the_group_closes_the_others_play_on_without_a_stall()
    {
        await WaitForDemoManifestsAsync(Server);
        var leaving = await fixture.NewPageAsync();
        await SignUpAsync(leaving, "leaving-01-sign-up");
        await leaving.GotoAsync($"/watch/{OnDemand}");
        await WaitUntilPlayingAsync(leaving, seconds: 2);

        var staying = new List<IPage>();
        foreach (var name in new[] { "leaving-02-sign-up", "leaving-03-sign-up" })
        {
            var page = await fixture.NewPageAsync();
            await SignUpAsync(page, name);
            await page.GotoAsync($"/watch/{OnDemand}");
            staying.Add(page);
        }

        // Close the first page once the pages exchange segments, while the newcomers are still filling their buffers:
        // its channels die with requests possibly in flight, and what it was designated to fetch must come elsewhere.
        await staying[0].WaitForFunctionAsync(
            "() => Number(document.querySelector('#peer-bytes').dataset.bytes) > 0", null, new() { Timeout = 90_000, PollingInterval = 100 });
        await leaving.Context.CloseAsync();

        foreach (var page in staying)
        {
            var before = await CurrentTimeAsync(page);
            await WaitUntilPlayingAsync(page, seconds: before + 4);
            await Assertions.Expect(page.Locator("#group-size")).ToHaveTextAsync("2", new() { Timeout = 60_000 });
            await Assertions.Expect(page.Locator("#stalls")).ToHaveTextAsync("0");
        }

        await Screenshots.SaveAsync(staying[0], "leaving-04-after-the-mate-left");
        var swarm = (await SwarmsAsync(Server)).Single(view => view.ContentId == OnDemand);
        Assert.Equal(2, swarm.Peers);
        Assert.Equal(0, swarm.Stalls);
        foreach (var page in staying)
        {
            await page.Context.CloseAsync();
        }
    }

    private static async Task<long> BytesAsync(IPage page, string selector) =>
        long.Parse(await page.Locator(selector).GetAttributeAsync("data-bytes") ?? "0", CultureInfo.InvariantCulture);
}
