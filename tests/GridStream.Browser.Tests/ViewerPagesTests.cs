using GridStream.Browser.Tests.Infrastructure;
using GridStream.Server.Tests.Infrastructure;
using Microsoft.Playwright;
using static GridStream.Browser.Tests.Infrastructure.ViewerSteps;

namespace GridStream.Browser.Tests;

/// <summary>
/// The viewer app in real Chromium against the real server: sign-up, catalog, wallet, the watch page playing the demo
/// through hls.js while the page takes part in the swarm, and the license gate of a priced item.
/// </summary>
public sealed class ViewerPagesTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>, IAsyncLifetime
{
    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => fixture.CloseOpenPagesAsync();

    private GridStreamFactory Server => fixture.Server;

    [Fact]
    public async Task A_new_viewer_signs_up_sees_the_catalog_and_watches_the_free_demo_as_a_registered_peer()
    {
        await WaitForDemoManifestsAsync(Server);
        var page = await fixture.NewPageAsync();
        await SignUpAsync(page, "free-01-sign-up");

        var free = page.Locator($"[data-content-id='{OnDemand}']");
        await Assertions.Expect(free).ToContainTextAsync("Test pattern (on demand)");
        await Assertions.Expect(free).ToContainTextAsync("Free");
        var premium = page.Locator($"[data-content-id='{Premium}']");
        await Assertions.Expect(premium).ToContainTextAsync("1 credit for 7 days");
        await Assertions.Expect(premium).ToContainTextAsync("Not owned");
        await Screenshots.SaveAsync(page, "free-02-catalog");

        await free.GetByRole(AriaRole.Link).ClickAsync();
        await page.WaitForURLAsync($"**/watch/{OnDemand}");
        var playedTo = await WaitUntilPlayingAsync(page, seconds: 3);
        Assert.True(playedTo > 4, $"The video stopped at {playedTo} s.");
        await Assertions.Expect(page.Locator("#swarm-state")).ToHaveTextAsync("registered");
        await Assertions.Expect(page.Locator("#peer-id")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^[0-9a-f-]{36}$"));
        await Assertions.Expect(page.Locator("#reports")).Not.ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^[–0]$"), new() { Timeout = 30_000 });
        await Screenshots.SaveAsync(page, "free-03-watching");

        // The server's own view agrees: one peer in the demo's swarm, and the CDN bytes the page reported.
        var swarm = await WaitForSwarmAsync(OnDemand, view => view.Peers == 1 && view.CdnBytes > 0);
        Assert.Equal(1, swarm.GroupSizes.Sum());
        var pageCdnBytes = long.Parse(await page.Locator("#cdn-bytes").GetAttributeAsync("data-bytes") ?? "0", System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(swarm.CdnBytes, 1, pageCdnBytes);

        await page.GetByRole(AriaRole.Link, new() { Name = "Wallet" }).ClickAsync();
        await page.WaitForURLAsync("**/wallet");
        await Assertions.Expect(page.Locator("#balance-available")).ToHaveTextAsync("0 credits");
        await Assertions.Expect(page.GetByText("No credits have moved yet")).ToBeVisibleAsync();
        await Screenshots.SaveAsync(page, "free-04-wallet");

        // Leaving the watch page withdraws the peer.
        await WaitForSwarmAsync(OnDemand, view => view.Peers == 0, orMissing: true);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_priced_item_without_a_license_offers_to_buy_it_and_does_not_play()
    {
        await WaitForDemoManifestsAsync(Server);
        var page = await fixture.NewPageAsync();
        await SignUpAsync(page, "unpaid-01-sign-up");

        await page.GotoAsync($"/watch/{Premium}");
        var buy = page.GetByRole(AriaRole.Button, new() { Name = "Buy for 1 credit" });
        await Assertions.Expect(buy).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("video")).ToHaveCountAsync(0);
        await Screenshots.SaveAsync(page, "unpaid-02-buy-offer");

        await buy.ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Not enough credits");
        await Assertions.Expect(page.Locator("video")).ToHaveCountAsync(0);
        await Screenshots.SaveAsync(page, "unpaid-03-not-enough-credits");

        Assert.DoesNotContain(await SwarmsAsync(Server), view => view.ContentId == Premium && view.Peers > 0);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_viewer_with_credits_buys_the_priced_item_and_plays_it_with_a_playback_token()
    {
        await WaitForDemoManifestsAsync(Server);
        var page = await fixture.NewPageAsync();
        await SignUpAsync(page, "paid-01-sign-up");
        await Wallets.FundAsync(Server, Guid.Parse(await AccountIdAsync(page)), 2_500_000);

        await page.GotoAsync($"/watch/{Premium}");
        await page.GetByRole(AriaRole.Button, new() { Name = "Buy for 1 credit" }).ClickAsync();
        // The premium origin answers 401/403 to segment requests without a valid token, so playing proves the token went along.
        await WaitUntilPlayingAsync(page, seconds: 3);
        await Assertions.Expect(page.Locator("#swarm-state")).ToHaveTextAsync("registered");
        await Screenshots.SaveAsync(page, "paid-02-watching");

        await page.GotoAsync("/wallet");
        await Assertions.Expect(page.Locator("#balance-available")).ToHaveTextAsync("1.5 credits");
        await Assertions.Expect(page.GetByRole(AriaRole.Cell, new() { Name = "License bought" })).ToBeVisibleAsync();
        await Screenshots.SaveAsync(page, "paid-03-wallet");

        await page.GotoAsync("/catalog");
        await Assertions.Expect(page.Locator($"[data-content-id='{Premium}']")).ToContainTextAsync("Owned");
        await page.Context.CloseAsync();
    }

    private async Task<SwarmView> WaitForSwarmAsync(Guid content, Func<SwarmView, bool> condition, bool orMissing = false)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var swarm = (await SwarmsAsync(Server)).FirstOrDefault(view => view.ContentId == content);
            if (swarm is null ? orMissing : condition(swarm))
            {
                return swarm!;
            }

            Assert.True(DateTime.UtcNow < deadline, $"The swarm of {content} never got there; last seen: {swarm}");
            await Task.Delay(250);
        }
    }
}
