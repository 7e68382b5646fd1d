using System.Net;
using System.Net.Http.Json;
using GridStream.Server.Data;
using GridStream.Server.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GridStream.Server.Tests.Licensing;

internal sealed record LicenseView(
    Guid Id, Guid ContentId, string ContentTitle, DateTimeOffset GrantedAt, DateTimeOffset? ExpiresAt, long PricePaidMicroCredits,
    string IdempotencyKey, bool Current);

internal sealed record LicensePage(LicenseView[] Items, int Page, int PageSize, int Total);

internal sealed record TokenView(Guid ContentId, string Token, DateTimeOffset ExpiresAt, bool Required);

internal sealed record CatalogEntry(Guid Id, string Title, bool Live, long PriceMicroCredits, int? LicenseDays, bool? Licensed);

internal sealed record Catalog(CatalogEntry[] Items);

internal sealed record Me(Guid Id, string Email);

/// <summary>The license and token calls as a viewer makes them, and content with a price.</summary>
internal static class LicensingClient
{
    public static async Task<HttpResponseMessage> BuyAsync(HttpClient viewer, Guid content, string? key = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/content/{content}/license");
        if (key is not null)
        {
            request.Headers.Add("Idempotency-Key", key);
        }

        return await viewer.SendAsync(request);
    }

    public static async Task<LicenseView> BoughtAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        Assert.Equal(expected, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<LicenseView>())!;
    }

    public static Task<HttpResponseMessage> AskTokenAsync(HttpClient viewer, Guid content) =>
        viewer.PostAsync($"/api/content/{content}/playback-token", null);

    public static async Task<TokenView> TokenAsync(HttpClient viewer, Guid content)
    {
        using var response = await AskTokenAsync(viewer, content);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<TokenView>())!;
    }

    public static async Task<LicensePage> LicensesAsync(HttpClient viewer) => (await viewer.GetFromJsonAsync<LicensePage>("/api/licenses"))!;

    public static async Task<Guid> IdOfAsync(HttpClient client) => (await client.GetFromJsonAsync<Me>("/api/me"))!.Id;

    /// <summary>A published item with a manifest (see <see cref="DemoManifest"/>), priced as given.</summary>
    /// <param name="ownerId">Whose content it is (whose earnings a sale credits); the first account when null.</param>
    public static async Task<Guid> PricedContentAsync(GridStreamFactory server, long priceMicroCredits, int? licenseDays = null, Guid? ownerId = null)
    {
        var id = await DemoManifest.CreateAsync(server, segments: 5);
        await using var scope = server.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GridStreamDbContext>();
        await db.ContentItems.Where(c => c.Id == id)
            .ExecuteUpdateAsync(set => set.SetProperty(c => c.PriceMicroCredits, priceMicroCredits).SetProperty(c => c.LicenseDays, licenseDays));
        if (ownerId is { } owner)
        {
            await db.ContentItems.Where(c => c.Id == id).ExecuteUpdateAsync(set => set.SetProperty(c => c.OwnerId, owner));
        }

        return id;
    }

    public static async Task<int> LicenseRowsAsync(GridStreamFactory server, Guid content)
    {
        await using var scope = server.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<GridStreamDbContext>().ContentLicenses.CountAsync(l => l.ContentItemId == content);
    }
}
