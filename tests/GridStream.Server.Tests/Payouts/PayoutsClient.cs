using System.Net;
using System.Net.Http.Json;
using GridStream.Domain.Payouts;
using GridStream.Server.Payouts;

namespace GridStream.Server.Tests.Payouts;

/// <summary>The payout calls as admins and owners make them.</summary>
internal static class PayoutsClient
{
    public static async Task<PayoutRunReport> RunAsync(HttpClient admin)
    {
        using var response = await admin.PostAsync("/api/admin/payouts/run", null);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<PayoutRunReport>())!;
    }

    public static PayoutView Of(PayoutRunReport report, Guid owner) => Assert.Single(report.Payouts, p => p.OwnerId == owner);

    public static Task<HttpResponseMessage> ConfirmAsync(HttpClient admin, Guid payout, string? reference) =>
        admin.PostAsJsonAsync($"/api/admin/payouts/{payout}/confirm", new { externalReference = reference });

    public static Task<HttpResponseMessage> FailAsync(HttpClient admin, Guid payout, string? reason) =>
        admin.PostAsJsonAsync($"/api/admin/payouts/{payout}/fail", new { reason });

    public static async Task<PayoutView> SettledAsync(HttpResponseMessage response)
    {
        using (response)
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return (await response.Content.ReadFromJsonAsync<PayoutView>())!;
        }
    }

    public static async Task<PayoutPage> ListAsync(HttpClient owner, string query = "") =>
        (await owner.GetFromJsonAsync<PayoutPage>("/api/payouts" + query))!;

    public static async Task<PayoutStatement> StatementAsync(HttpClient owner, Guid payout) =>
        (await owner.GetFromJsonAsync<PayoutStatement>($"/api/payouts/{payout}/statement"))!;
}
