using System.Net;
using System.Net.Http.Json;

namespace GridStream.Server.Tests.Wallet;

internal sealed record CreditAmount(long MicroCredits, string Credits);

internal sealed record WalletBalance(CreditAmount Posted, CreditAmount Available, CreditAmount PendingOut, CreditAmount PendingIn);

internal sealed record WalletEntry(long Id, string Kind, CreditAmount Amount, string? Reference, string State, DateTimeOffset At);

internal sealed record WalletView(WalletBalance Balance, WalletEntry[] History, long? NextBefore);

internal static class WalletClient
{
    public static async Task<WalletView> WalletAsync(HttpClient viewer, string query = "")
    {
        using var response = await viewer.GetAsync($"/api/wallet{query}");
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<WalletView>())!;
    }

    /// <summary>Every entry, page by page, following nextBefore.</summary>
    public static async Task<List<WalletEntry>> AllEntriesAsync(HttpClient viewer, int limit)
    {
        var entries = new List<WalletEntry>();
        string query = $"?limit={limit}";
        while (true)
        {
            var page = await WalletAsync(viewer, query);
            Assert.InRange(page.History.Length, 0, limit);
            entries.AddRange(page.History);
            if (page.NextBefore is not { } before)
            {
                return entries;
            }

            Assert.Equal(limit, page.History.Length);
            query = $"?limit={limit}&before={before}";
        }
    }
}
