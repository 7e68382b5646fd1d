using GridStream.Domain.Compute.Protocol;
using GridStream.Server.Data;
using GridStream.Server.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace GridStream.Server.Tests.Compute;

/// <summary>
/// Trust is counted the same whether a review only raises it (written without reading it first) or moves it otherwise
/// (read, worked out by TrustRules, written back).
/// </summary>
public sealed class TrustCountingTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private GridStreamFactory Server => fixture.Server;

    [Fact]
    public async Task Corroborated_results_raise_trust_by_one_each_and_an_error_halves_it()
    {
        // Nine units: below TrustRules.TrustedAfter, so no unit runs alone and every result is corroborated.
        const int units = 9;
        var content = await DemoManifest.CreateAsync(Server);
        using var customer = await Server.SignedUpAsync("customer");
        var job = Jobs.IdOf(await Jobs.SubmitAsync(customer, new
        {
            name = "counted", code = Jobs.Doubling, inputs = Enumerable.Range(0, units).ToArray(), priceCentsPerUnit = 1,
        }));
        await using var alice = await ComputePeer.StartAsync(Server, content, "10.43.1.5");
        await using var bob = await ComputePeer.StartAsync(Server, content, "10.43.2.5");

        // Units go to each in turn, so every review but the first of a unit accepts it and raises both accounts.
        for (var i = 0; i < units; i++)
        {
            foreach (var peer in new[] { alice, bob })
            {
                var lease = Assert.Single((await peer.LeaseAsync(1)).Leases);
                Assert.Equal(1, (await peer.SubmitAsync(new WorkResult(lease.LeaseId, Jobs.Doubled(lease), null, 1))).Recorded);
            }
        }

        await Jobs.WaitForStateAsync(customer, job, "Completed");
        await using (var db = Db())
        {
            foreach (var peer in new[] { alice, bob })
            {
                var trust = await TrustOfAsync(db, peer);
                Assert.Equal(units, trust.ConsecutiveValid);
                Assert.Equal(units, trust.ValidResults);
                Assert.Equal(0, trust.ErrorResults);
            }
        }

        var failing = Jobs.IdOf(await Jobs.SubmitAsync(customer, new
        {
            name = "an error", code = Jobs.Doubling, inputs = new[] { 1 }, priceCentsPerUnit = 1,
        }));
        try
        {
            var errored = Assert.Single((await alice.LeaseAsync(1)).Leases);
            await alice.SubmitAsync(new WorkResult(errored.LeaseId, null, "RangeError: out of luck", 1));

            await using var db = Db();
            var trust = await TrustOfAsync(db, alice);
            Assert.Equal(units / 2, trust.ConsecutiveValid);
            Assert.Equal(units, trust.ValidResults);
            Assert.Equal(1, trust.ErrorResults);
        }
        finally
        {
            await customer.DeleteAsync($"/api/jobs/{failing}");
        }
    }

    private static async Task<ComputeTrust> TrustOfAsync(GridStreamDbContext db, ComputePeer peer)
    {
        var account = await db.Replicas.Where(r => r.PeerId == peer.Client.PeerId).Select(r => r.AccountId).FirstAsync();
        return await db.ComputeTrust.AsNoTracking().SingleAsync(t => t.AccountId == account);
    }

    private GridStreamDbContext Db() =>
        new(new DbContextOptionsBuilder<GridStreamDbContext>().UseNpgsql(Server.ConnectionString).Options);
}
