using System.Net.Http.Json;

namespace GridStream.Server.Tests.Infrastructure;

/// <summary>What the owner sees of a content item's manifest, and waiting for it to settle.</summary>
public static class Manifests
{
    public static async Task<Guid> RegisterAsync(HttpClient owner, Uri masterPlaylistUrl, bool live = false, bool published = true)
    {
        var response = await owner.PostAsJsonAsync("/api/content", new
        {
            title = "Manifest " + Guid.NewGuid(), masterPlaylistUrl = masterPlaylistUrl.AbsoluteUri, live, priceMicroCredits = 0, published,
        });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<OwnedView>())!.Id;
    }

    /// <summary>Polls the owner's view until the manifest is no longer Pending and <paramref name="until"/> holds.</summary>
    public static async Task<OwnedView> WaitAsync(HttpClient owner, Guid id, Func<OwnedView, bool>? until = null, int seconds = 30)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        OwnedView? view = null;
        while (DateTime.UtcNow < deadline)
        {
            view = await owner.GetFromJsonAsync<OwnedView>($"/api/content/{id}");
            if (view!.ManifestState != "Pending" && (until is null || until(view)))
            {
                return view;
            }

            await Task.Delay(200);
        }

        throw new Xunit.Sdk.XunitException($"Content {id} did not settle within {seconds} s; last seen: {view}");
    }

    public static async Task<SegmentPage> SegmentsAsync(HttpClient client, Guid id, string rendition, long from = 0, int count = 500) =>
        (await client.GetFromJsonAsync<SegmentPage>($"/api/content/{id}/segments?rendition={Uri.EscapeDataString(rendition)}&from={from}&count={count}"))!;

    public sealed record OwnedView(Guid Id, string MasterPlaylistUrl, bool Live, string ManifestState, string? ManifestError, RenditionView[] Renditions)
    {
        public override string ToString() =>
            $"{ManifestState} {ManifestError} [{string.Join(", ", Renditions.Select(r => $"{r.Name}:{r.SegmentCount}{(r.Ended ? " ended" : "")}"))}]";
    }

    public sealed record RenditionView(string Name, long Bandwidth, string? Resolution, bool Live, bool Ended, int SegmentCount);

    public sealed record SegmentPage(Guid ContentId, string Rendition, bool Live, bool Ended, int TargetDurationMs, SegmentView[] Segments);

    public sealed record SegmentView(long Sequence, int DurationMs, string Url, string Sha256);
}
