using GridStream.Domain.Accounts;
using GridStream.Server.Tests.Infrastructure;

namespace GridStream.Server.Tests.Compute;

/// <summary>
/// A lease walks a bounded number of ready units: a peer that already holds every unit within reach (with quorum 2,
/// units waiting for another account) gets nothing more until a partner takes some, instead of reading the whole job.
/// </summary>
public sealed class LeaseReachTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private const int Slots = 10;

    /// <summary>LeaseWork: walks start at most (8 − 1) blocks of <see cref="Slots"/> past the oldest ready unit and pass at
    /// most 6 × <see cref="Slots"/> ready units.</summary>
    private const int FurthestReach = 7 * Slots + 6 * Slots;

    private GridStreamFactory Server => fixture.Server;

    [Fact]
    public async Task A_peer_runs_at_most_its_reach_ahead_of_its_partners_then_continues_once_they_catch_up()
    {
        var content = await DemoManifest.CreateAsync(Server);
        using var customer = await Server.SignedUpAsync(Roles.Customer);
        _ = Jobs.IdOf(await Jobs.SubmitAsync(customer, new
        {
            name = "far ahead", code = Jobs.Doubling, inputs = Enumerable.Range(0, 400).ToArray(), policy = new { quorum = 2 }, priceCentsPerUnit = 0,
        }));
        await using var fast = await ComputePeer.StartAsync(Server, content, "10.43.1.5");
        await using var slow = await ComputePeer.StartAsync(Server, content, "10.43.2.5");

        // Walks start at one of 8 blocks in turn: 8 empty batches in a row mean no start reaches a unit it may take.
        var held = await LeaseUntilEightEmptyAsync(fast);

        Assert.InRange(held.Count, 6 * Slots, FurthestReach);
        Assert.Equal(held.Count, held.Distinct().Count());

        // The partner takes units, the oldest of them the ones the fast peer holds; then the fast peer goes on.
        var taken = await LeaseUntilEightEmptyAsync(slow, rounds: 8);
        Assert.Contains(held.Min(), taken);
        var next = await LeaseUntilEightEmptyAsync(fast, rounds: 8);
        Assert.NotEmpty(next);
        Assert.DoesNotContain(next, held.Contains);
    }

    /// <summary>Leases until 8 batches in a row come back empty (or <paramref name="rounds"/> requests were made); the unit indexes taken.</summary>
    private static async Task<List<int>> LeaseUntilEightEmptyAsync(ComputePeer peer, int rounds = 200)
    {
        var taken = new List<int>();
        for (int round = 0, emptyInARow = 0; round < rounds && emptyInARow < 8; round++)
        {
            var batch = await peer.LeaseAsync(Slots);
            emptyInARow = batch.Leases.Count == 0 ? emptyInARow + 1 : 0;
            taken.AddRange(batch.Leases.Select(l => l.UnitIndex));
        }

        return taken;
    }
}
