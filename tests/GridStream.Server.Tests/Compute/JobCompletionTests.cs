using GridStream.Domain.Compute.Protocol;
using ExpiredLeaseSweep = GridStream.Server.Compute.ExpiredLeaseSweep;
using GridStream.Server.Data;
using GridStream.Server.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace GridStream.Server.Tests.Compute;

/// <summary>
/// A job finishes when its last units are decided, also when several peers decide them at the same moment (each
/// review then sees the others' units still open until they commit), and the control plane's sweep finishes a job
/// whose finishing was lost.
/// </summary>
public sealed class JobCompletionTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private GridStreamFactory Server => fixture.Server;

    [Fact]
    public async Task A_job_whose_last_units_are_decided_by_many_peers_at_once_completes()
    {
        const int peerCount = 8;
        const int unitsEach = 4;
        var content = await DemoManifest.CreateAsync(Server);
        using var customer = await Server.SignedUpAsync("customer");
        var peers = new List<ComputePeer>();
        for (var i = 0; i < peerCount; i++)
        {
            peers.Add(await ComputePeer.StartAsync(Server, content, $"10.40.{i}.5"));
        }

        try
        {
            for (var round = 0; round < 5; round++)
            {
                var job = Jobs.IdOf(await Jobs.SubmitAsync(customer, new
                {
                    name = $"photo finish {round}", code = Jobs.Doubling, inputs = Enumerable.Range(0, peerCount * unitsEach).ToArray(),
                    policy = new { quorum = 1 }, priceCentsPerUnit = 1,
                }));
                var leased = new List<IReadOnlyList<WorkLease>>();
                foreach (var peer in peers)
                {
                    leased.Add((await peer.LeaseAsync(unitsEach)).Leases);
                }

                Assert.All(leased, leases => Assert.Equal(unitsEach, leases.Count));
                var receipts = await Task.WhenAll(peers.Select((peer, i) =>
                    peer.SubmitAsync([.. leased[i].Select(lease => new WorkResult(lease.LeaseId, Jobs.Doubled(lease), null, 1))])));

                Assert.All(receipts, receipt => Assert.Equal(unitsEach, receipt.Recorded));
                await Jobs.WaitForStateAsync(customer, job, "Completed");
            }
        }
        finally
        {
            foreach (var peer in peers)
            {
                await peer.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task The_sweep_finishes_a_job_whose_units_were_all_decided_but_that_nobody_finished()
    {
        using var customer = await Server.SignedUpAsync("customer");
        var job = Jobs.IdOf(await Jobs.SubmitAsync(customer, new
        {
            name = "lost finish", code = Jobs.Doubling, inputs = new[] { 1, 2, 3 }, policy = new { quorum = 1 }, priceCentsPerUnit = 1,
        }));
        await using (var db = Db())
        {
            // As if a server stopped between committing the last decisions and asking whether the job was finished.
            await db.WorkUnits.Where(u => u.JobId == job)
                .ExecuteUpdateAsync(u => u.SetProperty(x => x.State, WorkUnitState.Failed).SetProperty(x => x.Wanted, 0));
        }

        Assert.Equal("Running", (await Jobs.GetAsync(customer, job)).GetProperty("state").GetString());

        await new ExpiredLeaseSweep(Server.Services).RunAsync(CancellationToken.None);

        Assert.Equal("Completed", (await Jobs.GetAsync(customer, job)).GetProperty("state").GetString());
    }

    private GridStreamDbContext Db() =>
        new(new DbContextOptionsBuilder<GridStreamDbContext>().UseNpgsql(Server.ConnectionString).Options);
}
