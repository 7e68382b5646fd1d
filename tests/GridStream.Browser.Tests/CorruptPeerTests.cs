using GridStream.Browser.Tests.Infrastructure;
using GridStream.Server.Tests.Infrastructure;
using Microsoft.Playwright;
using static GridStream.Browser.Tests.Infrastructure.ViewerSteps;

namespace GridStream.Browser.Tests;

/// <summary>A page whose data channel corrupts every chunk it sends: its mates refuse the copies and the hub removes it.</summary>
public sealed class CorruptPeerTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    /// <summary>Flips the first byte of every binary message the page sends: a tampering peer, from outside the app.</summary>
    private const string CorruptEverySentChunk = """
        const send = RTCDataChannel.prototype.send;
        RTCDataChannel.prototype.send = function (data) {
          if (data instanceof ArrayBuffer && data.byteLength > 0) {
            const copy = new Uint8Array(data.slice(0));
            copy[0] ^= 0xff;
            return send.call(this, copy.buffer);
          }
          return send.call(this, data);
        };
        """;

    private GridStreamFactory Server => fixture.Server;

    [Fact]
    public async Task Mates_refuse_a_corrupting_pages_copies_play_from_the_cdn_and_the_hub_removes_it()
    {
        await WaitForDemoManifestsAsync(Server);
        var corrupt = await fixture.NewPageAsync();
        await corrupt.Context.AddInitScriptAsync(CorruptEverySentChunk);
        await SignUpAsync(corrupt, "corrupt-01-sign-up");
        await corrupt.GotoAsync($"/watch/{OnDemand}");
        await WaitUntilPlayingAsync(corrupt, seconds: 2);

        var honest = new List<IPage>();
        for (var i = 0; i < 3; i++)
        {
            var page = await fixture.NewPageAsync();
            await SignUpAsync(page, $"corrupt-0{i + 2}-honest-sign-up");
            await page.GotoAsync($"/watch/{OnDemand}");
            honest.Add(page);
        }

        // Three bad segments reported against it and the hub removes the corrupting page.
        await Assertions.Expect(corrupt.Locator("#swarm-state")).ToHaveTextAsync("removed", new() { Timeout = 120_000 });
        await Screenshots.SaveAsync(corrupt, "corrupt-05-removed");

        var refused = 0;
        foreach (var page in honest)
        {
            // Every copy reached hls.js only after its hash matched, so the honest pages play on without a media error.
            await WaitUntilPlayingAsync(page, seconds: await CurrentTimeAsync(page) + 2);
            refused += int.Parse(await page.Locator("#bad-segments").TextContentAsync() ?? "0", System.Globalization.CultureInfo.InvariantCulture);
            await Assertions.Expect(page.Locator("#swarm-state")).ToHaveTextAsync("registered");
        }

        Assert.True(refused >= 3, $"The honest pages refused {refused} copies; the hub removes a peer after three.");
        await Screenshots.SaveAsync(honest[0], "corrupt-06-honest-page");
        foreach (var page in honest.Append(corrupt))
        {
            await page.Context.CloseAsync();
        }
    }
}
