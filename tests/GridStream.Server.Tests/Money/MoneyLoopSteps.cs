using System.Net.Http.Json;
using GridStream.Domain.Compute.Protocol;
using GridStream.Server.Data;
using GridStream.Server.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GridStream.Server.Tests.Money;

/// <summary>Steps the money loops share: an owner's priced item, and a peer working a job to completion over the hub.</summary>
internal static class MoneyLoopSteps
{
    /// <summary>An item with a manifest, handed to the owner, who prices it through the content API.</summary>
    public static async Task<Guid> OwnersPricedItemAsync(GridStreamFactory server, HttpClient owner, Guid ownerId, long priceMicroCredits)
    {
        var id = await DemoManifest.CreateAsync(server);
        string title, url;
        await using (var scope = server.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<GridStreamDbContext>();
            await db.ContentItems.Where(c => c.Id == id).ExecuteUpdateAsync(set => set.SetProperty(c => c.OwnerId, ownerId));
            var item = await db.ContentItems.AsNoTracking().SingleAsync(c => c.Id == id);
            (title, url) = (item.Title, item.MasterPlaylistUrl);
        }

        using var priced = await owner.PutAsJsonAsync($"/api/content/{id}", new
        {
            title, masterPlaylistUrl = url, priceMicroCredits, published = true,
        });
        Assert.True(priced.IsSuccessStatusCode, await priced.Content.ReadAsStringAsync());
        return id;
    }

    public static async Task WorkUntilCompletedAsync(PeerClient peer, HttpClient customer, Guid job)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while ((await Jobs.GetAsync(customer, job)).GetProperty("state").GetString() != "Completed")
        {
            Assert.True(DateTime.UtcNow < deadline, "the job did not complete within 60 s");
            var batch = await peer.Connection.InvokeAsync<WorkBatch>(WorkHubMethods.RequestWork, new WorkRequest(50));
            if (batch.Leases.Count == 0)
            {
                await Task.Delay(100);
                continue;
            }

            var receipt = await peer.Connection.InvokeAsync<ResultsReceipt>(
                WorkHubMethods.SubmitResults, batch.Leases.Select(lease => new WorkResult(lease.LeaseId, Jobs.Doubled(lease), null, 1)).ToArray());
            Assert.Empty(receipt.Refused);
        }
    }
}
