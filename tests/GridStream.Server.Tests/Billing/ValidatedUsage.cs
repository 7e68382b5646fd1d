using GridStream.Domain.Accounts;
using GridStream.Domain.Compute.Protocol;
using GridStream.Server.Data;
using GridStream.Server.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GridStream.Server.Tests.Billing;

/// <summary>Usage made the real way: a customer's job computed by a viewer through the hub until it completes.</summary>
internal static class ValidatedUsage
{
    public static async Task<Guid> ComputeJobAsync(GridStreamFactory server, HttpClient customer, int units, long priceCentsPerUnit, string subnet)
    {
        var job = Jobs.IdOf(await Jobs.SubmitAsync(customer, new
        {
            name = "billed job", code = Jobs.Doubling, inputs = Enumerable.Range(1, units).ToArray(),
            policy = new { quorum = 1 }, priceCentsPerUnit,
        }));
        using var viewer = await server.SignedUpAsync(Roles.Viewer);
        var item = await DemoManifest.CreateAsync(server);
        await using var peer = await PeerClient.ConnectAsync(server, viewer.DefaultRequestHeaders.Authorization!.Parameter!);
        await peer.RegisterAsync(item, $"{subnet}.5");
        await peer.Connection.InvokeAsync(WorkHubMethods.SetCompute, new ComputeSwitch(true));

        var deadline = DateTime.UtcNow.AddSeconds(90);
        while ((await Jobs.GetAsync(customer, job)).GetProperty("state").GetString() != "Completed")
        {
            Assert.True(DateTime.UtcNow < deadline, "the job did not complete within 90 s");
            var batch = await peer.Connection.InvokeAsync<WorkBatch>(WorkHubMethods.RequestWork, new WorkRequest(50));
            if (batch.Leases.Count == 0)
            {
                await Task.Delay(100);
                continue;
            }

            var receipt = await peer.Connection.InvokeAsync<ResultsReceipt>(WorkHubMethods.SubmitResults,
                batch.Leases.Select(lease => new WorkResult(lease.LeaseId, Jobs.Doubled(lease), null, 1)).ToArray());
            Assert.Empty(receipt.Refused);
        }

        return job;
    }

    public static async Task<List<ComputeUsage>> RowsOfAsync(GridStreamFactory server, Guid job)
    {
        await using var scope = server.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GridStreamDbContext>();
        return await db.ComputeUsage.AsNoTracking().Where(u => u.JobId == job).OrderBy(u => u.UnitId).ToListAsync();
    }

    public static async Task<StripeCustomer?> StripeCustomerOfAsync(GridStreamFactory server, Guid userId)
    {
        await using var scope = server.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GridStreamDbContext>();
        return await db.StripeCustomers.AsNoTracking().SingleOrDefaultAsync(c => c.UserId == userId);
    }
}
