using System.Net.Http.Json;
using GridStream.Server.Tests.Infrastructure;
using Microsoft.Playwright;

namespace GridStream.Browser.Tests.Infrastructure;

/// <summary>What a viewer does in the app, step by step, as a person would: through labels, buttons and links.</summary>
internal static class ViewerSteps
{
    public const string Password = "correct-horse-1";

    public static readonly Guid OnDemand = Guid.Parse("0d3e0000-0000-4000-8000-000000000001");
    public static readonly Guid Premium = Guid.Parse("0d3e0000-0000-4000-8000-000000000003");

    /// <summary>Signs a new viewer up through the sign-up page; the app signs it in and shows the catalog.</summary>
    public static async Task<string> SignUpAsync(IPage page, string screenshot)
    {
        var email = $"viewer-{Guid.NewGuid():N}@gridstream.test";
        await page.GotoAsync("/signup");
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(Password);
        await Screenshots.SaveAsync(page, screenshot);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign up" }).ClickAsync();
        await page.WaitForURLAsync("**/catalog");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Catalog" })).ToBeVisibleAsync();
        return email;
    }

    /// <summary>The signed-in account's id, as the server knows it (the session cookie is HttpOnly).</summary>
    public static Task<string> AccountIdAsync(IPage page) =>
        page.EvaluateAsync<string>("async () => (await (await fetch('/api/me')).json()).id");

    /// <summary>Waits until the player has played past <paramref name="seconds"/> and keeps advancing, without a media error.</summary>
    public static async Task<double> WaitUntilPlayingAsync(IPage page, double seconds)
    {
        var options = new PageWaitForFunctionOptions { Timeout = 120_000, PollingInterval = 250 };
        await page.WaitForFunctionAsync(
            "([past]) => { const v = document.querySelector('#player'); if (v && v.error) throw new Error('media error ' + v.error.code); return v && v.currentTime > past; }",
            new object[] { seconds }, options);
        var reached = await CurrentTimeAsync(page);
        await page.WaitForFunctionAsync(
            "([past]) => { const v = document.querySelector('#player'); return v.error === null && v.currentTime > past; }",
            new object[] { reached + 1 }, options);
        return await CurrentTimeAsync(page);
    }

    public static Task<double> CurrentTimeAsync(IPage page) => page.EvaluateAsync<double>("() => document.querySelector('#player').currentTime");

    /// <summary>The demo items appear at start-up; their manifests (read from the server's own origin) a little later.</summary>
    public static async Task WaitForDemoManifestsAsync(GridStreamFactory server)
    {
        using var viewer = await server.SignedUpAsync("viewer");
        var deadline = DateTime.UtcNow.AddMinutes(2);
        foreach (var item in new[] { OnDemand, Premium })
        {
            while (true)
            {
                using var response = await viewer.GetAsync($"/api/content/{item}/playback");
                var info = response.IsSuccessStatusCode ? await response.Content.ReadFromJsonAsync<PlaybackInfo>() : null;
                if (info is { Renditions.Count: > 0 } && await HasSegmentsAsync(viewer, item, info.Renditions[0].Name))
                {
                    break;
                }

                Assert.True(DateTime.UtcNow < deadline, $"The demo item {item} has no readable manifest after two minutes.");
                await Task.Delay(250);
            }
        }
    }

    private static async Task<bool> HasSegmentsAsync(HttpClient client, Guid item, string rendition)
    {
        using var response = await client.GetAsync($"/api/content/{item}/segments?rendition={Uri.EscapeDataString(rendition)}&count=1");
        return response.IsSuccessStatusCode && (await response.Content.ReadFromJsonAsync<SegmentsPage>())!.Segments.Count > 0;
    }

    /// <summary>The admins' live view of the swarms (GET /api/swarms).</summary>
    public static async Task<IReadOnlyList<SwarmView>> SwarmsAsync(GridStreamFactory server)
    {
        using var admin = await server.AdminAsync();
        return (await admin.GetFromJsonAsync<List<SwarmView>>("/api/swarms"))!;
    }

    public sealed record PlaybackInfo(Guid ContentId, string Title, bool Live, IReadOnlyList<PlaybackRendition> Renditions);

    public sealed record PlaybackRendition(string Name, long Bandwidth, string? Resolution, string PlaylistUrl);

    public sealed record SegmentsPage(IReadOnlyList<object> Segments);

    public sealed record SwarmView(Guid ContentId, string Rendition, int Peers, IReadOnlyList<int> GroupSizes, long CdnBytes, long PeerBytes, int Stalls);
}
