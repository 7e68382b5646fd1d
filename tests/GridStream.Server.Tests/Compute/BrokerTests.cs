using System.Text.Json;
using GridStream.Domain.Compute.Protocol;
using GridStream.Server.Data;
using GridStream.Server.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;

namespace GridStream.Server.Tests.Compute;

/// <summary>
/// The broker through the real hub and database, with peers that answer in the test (the sandboxed agent has its own
/// tests). Every test finishes or cancels its jobs, so the next test's peers see only their own work.
/// </summary>
public sealed class BrokerTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private GridStreamFactory Server => fixture.Server;

    [Fact]
    public async Task Two_honest_peers_complete_a_job_and_the_results_are_right()
    {
        var content = await DemoManifest.CreateAsync(Server);
        using var customer = await Server.SignedUpAsync("customer");
        var job = Jobs.IdOf(await Jobs.SubmitAsync(customer, new
        {
            name = "doubling", code = Jobs.Doubling, inputs = Enumerable.Range(0, 40).ToArray(), priceCentsPerUnit = 3,
        }));
        await using var alice = await ComputePeer.StartAsync(Server, content, "10.20.1.5");
        await using var bob = await ComputePeer.StartAsync(Server, content, "10.20.2.5");

        var first = await alice.WorkUntilIdleAsync(Jobs.Doubled, slots: 15);
        var second = await bob.WorkUntilIdleAsync(Jobs.Doubled, slots: 15);

        Assert.Equal(40, first);
        Assert.Equal(40, second);
        var details = await Jobs.WaitForStateAsync(customer, job, "Completed");
        Assert.Equal(100, details.GetProperty("percentDone").GetInt32());
        Assert.Equal(40 * 3, details.GetProperty("costCents").GetInt64());
        var results = await Jobs.ResultsAsync(customer, job);
        Assert.Equal(Enumerable.Range(0, 40), results.Select(r => r.GetProperty("index").GetInt32()));
        Assert.All(results, r => Assert.Equal(r.GetProperty("index").GetInt32() * 2, r.GetProperty("output").GetProperty("doubled").GetInt32()));
        Assert.All(results, r => Assert.Equal(2, r.GetProperty("agreed").GetInt32()));

        await using var db = Db();
        Assert.Equal(40, await db.ComputeUsage.CountAsync(u => u.JobId == job));
        Assert.Equal(40 * 3, await db.ComputeUsage.Where(u => u.JobId == job).SumAsync(u => u.AmountCents));
        var earnings = await db.ComputeEarnings.Where(e => e.JobId == job).ToListAsync();
        Assert.Equal(80, earnings.Count);
        Assert.Equal(2, earnings.Select(e => e.ViewerId).Distinct().Count());
        Assert.All(earnings, e => Assert.True(e.MicroCredits > 0));
    }

    [Fact]
    public async Task A_peer_that_always_lies_never_gets_a_result_accepted_and_loses_its_trust()
    {
        var content = await DemoManifest.CreateAsync(Server);
        using var customer = await Server.SignedUpAsync("customer");
        var job = Jobs.IdOf(await Jobs.SubmitAsync(customer, new
        {
            name = "against a liar", code = Jobs.Doubling, inputs = Enumerable.Range(0, 20).ToArray(), priceCentsPerUnit = 1,
        }));
        await using var liar = await ComputePeer.StartAsync(Server, content, "10.21.1.5");
        await using var honest = await ComputePeer.StartAsync(Server, content, "10.21.2.5");
        await using var referee = await ComputePeer.StartAsync(Server, content, "10.21.3.5");

        await liar.WorkUntilIdleAsync(_ => "{\"doubled\":-1}");
        await honest.WorkUntilIdleAsync(Jobs.Doubled);
        await referee.WorkUntilIdleAsync(Jobs.Doubled);

        await Jobs.WaitForStateAsync(customer, job, "Completed");
        var results = await Jobs.ResultsAsync(customer, job);
        Assert.Equal(20, results.Count);
        Assert.All(results, r => Assert.Equal(r.GetProperty("index").GetInt32() * 2, r.GetProperty("output").GetProperty("doubled").GetInt32()));
        await using var db = Db();
        var liarAccount = await AccountOfAsync(db, liar);
        Assert.Equal(0, (await db.ComputeTrust.SingleAsync(t => t.AccountId == liarAccount)).ConsecutiveValid);
        Assert.Equal(20, (await db.ComputeTrust.SingleAsync(t => t.AccountId == liarAccount)).InvalidResults);
        Assert.False(await db.ComputeEarnings.AnyAsync(e => e.ViewerId == liarAccount));
    }

    [Fact]
    public async Task Units_of_a_peer_that_vanishes_mid_lease_go_to_another_peer()
    {
        var content = await DemoManifest.CreateAsync(Server);
        using var customer = await Server.SignedUpAsync("customer");
        var job = Jobs.IdOf(await Jobs.SubmitAsync(customer, new
        {
            name = "vanishing", code = Jobs.Doubling, inputs = Enumerable.Range(0, 10).ToArray(), policy = new { quorum = 1 }, priceCentsPerUnit = 1,
        }));
        var vanishing = await ComputePeer.StartAsync(Server, content, "10.22.1.5");
        var taken = await vanishing.LeaseAsync(10);
        Assert.Equal(10, taken.Leases.Count);
        await using var stayer = await ComputePeer.StartAsync(Server, content, "10.22.2.5");
        Assert.Empty((await stayer.LeaseAsync(10)).Leases);

        await vanishing.DisposeAsync();

        var answered = 0;
        for (var i = 0; i < 100 && answered < 10; i++)
        {
            answered += await stayer.WorkUntilIdleAsync(Jobs.Doubled);
            await Task.Delay(100);
        }

        Assert.Equal(10, answered);
        await Jobs.WaitForStateAsync(customer, job, "Completed");
    }

    [Fact]
    public async Task Results_for_leases_one_does_not_hold_or_sent_twice_are_refused_and_counted_once()
    {
        var content = await DemoManifest.CreateAsync(Server);
        using var customer = await Server.SignedUpAsync("customer");
        var job = Jobs.IdOf(await Jobs.SubmitAsync(customer, new
        {
            name = "strict", code = Jobs.Doubling, inputs = new[] { 7 }, priceCentsPerUnit = 1,
        }));
        await using var holder = await ComputePeer.StartAsync(Server, content, "10.23.1.5");
        await using var thief = await ComputePeer.StartAsync(Server, content, "10.23.2.5");
        try
        {
            var lease = Assert.Single((await holder.LeaseAsync()).Leases);
            var answer = new WorkResult(lease.LeaseId, Jobs.Doubled(lease), null, 1);

            var stolen = await thief.SubmitAsync(answer);
            var twiceInOne = await holder.SubmitAsync(answer, answer);
            var again = await holder.SubmitAsync(answer);
            var unknown = await holder.SubmitAsync(new WorkResult(long.MaxValue, "1", null, 1));

            Assert.Equal(0, stolen.Recorded);
            Assert.Contains("not yours", Assert.Single(stolen.Refused).Reason);
            Assert.Equal(1, twiceInOne.Recorded);
            Assert.Contains("more than once", Assert.Single(twiceInOne.Refused).Reason);
            Assert.Contains("already recorded", Assert.Single(again.Refused).Reason);
            Assert.Contains("no such lease", Assert.Single(unknown.Refused).Reason);
            await using var db = Db();
            Assert.Equal(1, await db.Replicas.CountAsync(r => r.JobId == job && r.State == ReplicaState.Succeeded));
        }
        finally
        {
            await customer.DeleteAsync($"/api/jobs/{job}");
        }
    }

    [Fact]
    public async Task A_result_after_the_lease_deadline_is_refused_and_the_unit_goes_to_another_peer()
    {
        var content = await DemoManifest.CreateAsync(Server);
        using var customer = await Server.SignedUpAsync("customer");
        var job = Jobs.IdOf(await Jobs.SubmitAsync(customer, new
        {
            name = "deadline", code = Jobs.Doubling, inputs = new[] { 3 }, policy = new { quorum = 1, deadlineSeconds = 5 }, priceCentsPerUnit = 1,
        }));
        await using var slow = await ComputePeer.StartAsync(Server, content, "10.31.1.5");
        await using var quick = await ComputePeer.StartAsync(Server, content, "10.31.2.5");
        var lease = Assert.Single((await slow.LeaseAsync()).Leases);

        await Task.Delay(lease.Deadline - DateTimeOffset.UtcNow + TimeSpan.FromMilliseconds(500));
        var late = await slow.SubmitAsync(new WorkResult(lease.LeaseId, Jobs.Doubled(lease), null, 1));

        Assert.Equal(0, late.Recorded);
        Assert.Contains("expired", Assert.Single(late.Refused).Reason, StringComparison.Ordinal);
        await Task.Delay(1_100); // leasing sweeps expired leases at most once a second
        Assert.Equal(1, await quick.WorkUntilIdleAsync(Jobs.Doubled));
        await Jobs.WaitForStateAsync(customer, job, "Completed");
    }

    [Fact]
    public async Task Two_replicas_of_a_unit_never_go_to_one_subnet()
    {
        var content = await DemoManifest.CreateAsync(Server);
        using var customer = await Server.SignedUpAsync("customer");
        var job = Jobs.IdOf(await Jobs.SubmitAsync(customer, new
        {
            name = "subnets", code = Jobs.Doubling, inputs = new[] { 1, 2, 3 }, priceCentsPerUnit = 1,
        }));
        await using var first = await ComputePeer.StartAsync(Server, content, "10.24.1.5");
        await using var neighbour = await ComputePeer.StartAsync(Server, content, "10.24.1.6");
        await using var elsewhere = await ComputePeer.StartAsync(Server, content, "10.24.2.5");
        try
        {
            Assert.Equal(3, (await first.LeaseAsync()).Leases.Count);
            Assert.Empty((await neighbour.LeaseAsync()).Leases);
            Assert.Equal(3, (await elsewhere.LeaseAsync()).Leases.Count);
        }
        finally
        {
            await customer.DeleteAsync($"/api/jobs/{job}");
        }
    }

    [Fact]
    public async Task A_cancelled_job_hands_out_nothing_new_but_takes_results_already_running()
    {
        var content = await DemoManifest.CreateAsync(Server);
        using var customer = await Server.SignedUpAsync("customer");
        var job = Jobs.IdOf(await Jobs.SubmitAsync(customer, new
        {
            name = "cancelled", code = Jobs.Doubling, inputs = Enumerable.Range(0, 10).ToArray(), policy = new { quorum = 1 }, priceCentsPerUnit = 5,
        }));
        await using var peer = await ComputePeer.StartAsync(Server, content, "10.25.1.5");
        var running = (await peer.LeaseAsync(4)).Leases;

        var cancelled = await customer.DeleteAsync($"/api/jobs/{job}");
        cancelled.EnsureSuccessStatusCode();

        Assert.Empty((await peer.LeaseAsync()).Leases);
        var receipt = await peer.SubmitAsync([.. running.Select(l => new WorkResult(l.LeaseId, Jobs.Doubled(l), null, 1))]);
        Assert.Equal(4, receipt.Recorded);
        var details = await Jobs.WaitForStateAsync(customer, job, "Cancelled");
        Assert.Equal(4, details.GetProperty("counts").GetProperty("accepted").GetInt64());
        Assert.Equal(6, details.GetProperty("counts").GetProperty("cancelled").GetInt64());
        Assert.Equal(20, details.GetProperty("costCents").GetInt64());
        Assert.NotEqual(JsonValueKind.Null, details.GetProperty("finishedAt").ValueKind);
    }

    [Fact]
    public async Task Errors_and_bad_outputs_count_toward_the_error_limit_and_fail_the_unit_with_a_reason()
    {
        var content = await DemoManifest.CreateAsync(Server);
        using var customer = await Server.SignedUpAsync("customer");
        var job = Jobs.IdOf(await Jobs.SubmitAsync(customer, new
        {
            name = "failing", code = Jobs.Doubling, inputs = new[] { 1 }, policy = new { quorum = 1, maxErrors = 1 }, priceCentsPerUnit = 5,
        }));
        await using var first = await ComputePeer.StartAsync(Server, content, "10.26.1.5");
        await using var second = await ComputePeer.StartAsync(Server, content, "10.26.2.5");

        var one = Assert.Single((await first.LeaseAsync()).Leases);
        await first.SubmitAsync(new WorkResult(one.LeaseId, null, "TypeError: boom", 3));
        var two = Assert.Single((await second.LeaseAsync()).Leases);
        await second.SubmitAsync(new WorkResult(two.LeaseId, "{not json", null, 3));

        await Jobs.WaitForStateAsync(customer, job, "Completed");
        var result = Assert.Single(await Jobs.ResultsAsync(customer, job));
        Assert.False(string.IsNullOrWhiteSpace(result.GetProperty("error").GetString()));
        Assert.Equal(0, (await Jobs.GetAsync(customer, job)).GetProperty("costCents").GetInt64());
    }

    [Fact]
    public async Task Work_is_refused_to_peers_without_compute_and_to_strangers()
    {
        var content = await DemoManifest.CreateAsync(Server);
        await using var watcher = await PeerClient.ConnectAsync(Server);
        await watcher.RegisterAsync(content, "10.27.1.5");
        await using var stranger = await PeerClient.ConnectAsync(Server);

        var off = await Assert.ThrowsAsync<HubException>(() => watcher.Connection.InvokeAsync<WorkBatch>(WorkHubMethods.RequestWork, new WorkRequest(5)));
        var unregistered = await Assert.ThrowsAsync<HubException>(() => stranger.Connection.InvokeAsync<WorkBatch>(WorkHubMethods.RequestWork, new WorkRequest(5)));

        Assert.Contains("SetCompute", off.Message);
        Assert.Contains("Register", unregistered.Message);
    }

    [Fact]
    public async Task Peers_with_compute_hear_when_work_arrives()
    {
        var content = await DemoManifest.CreateAsync(Server);
        using var customer = await Server.SignedUpAsync("customer");
        await using var peer = await ComputePeer.StartAsync(Server, content, "10.28.1.5");
        await Task.Delay(300); // past the notifier's coalescing gap, whatever an earlier test announced

        var job = Jobs.IdOf(await Jobs.SubmitAsync(customer, new { name = "announced", code = Jobs.Doubling, inputs = new[] { 1 }, priceCentsPerUnit = 1 }));
        try
        {
            for (var i = 0; i < 100 && peer.WorkAnnouncements.IsEmpty; i++)
            {
                await Task.Delay(50);
            }

            Assert.False(peer.WorkAnnouncements.IsEmpty);
        }
        finally
        {
            await customer.DeleteAsync($"/api/jobs/{job}");
        }
    }

    [Fact]
    public async Task A_mandelbrot_jobs_tiles_assemble_into_one_png_and_other_jobs_have_no_image()
    {
        var content = await DemoManifest.CreateAsync(Server);
        using var customer = await Server.SignedUpAsync("customer");
        var tiles = from y in new[] { 0, 2 } from x in new[] { 0, 2 } select new { imageWidth = 4, imageHeight = 4, x, y, width = 2, height = 2 };
        var job = Jobs.IdOf(await Jobs.SubmitAsync(customer, new
        {
            name = "tiny mandelbrot", code = "function run(t) { return t; }", inputs = tiles.ToArray(), policy = new { quorum = 1 }, priceCentsPerUnit = 1,
        }));
        var other = Jobs.IdOf(await Jobs.SubmitAsync(customer, new { name = "numbers", code = Jobs.Doubling, inputs = new[] { 1 }, priceCentsPerUnit = 1 }));
        await using var peer = await ComputePeer.StartAsync(Server, content, "10.29.1.5");
        try
        {
            // Only the tile units are answered; the numbers job stays without results.
            var batch = await peer.LeaseAsync(10);
            await peer.SubmitAsync([.. batch.Leases.Where(l => l.JobId == job).Select(l => new WorkResult(l.LeaseId, Tile(l.InputJson), null, 1))]);
            await Jobs.WaitForStateAsync(customer, job, "Completed");

            var image = await customer.GetAsync($"/api/jobs/{job}/image.png");
            var none = await customer.GetAsync($"/api/jobs/{other}/image.png");

            image.EnsureSuccessStatusCode();
            Assert.Equal("image/png", image.Content.Headers.ContentType?.MediaType);
            var png = await image.Content.ReadAsByteArrayAsync();
            Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, png[..4]);
            Assert.Equal(4, System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16, 4)));
            Assert.Equal(4, System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20, 4)));
            await Problems.ReadAsync(none, System.Net.HttpStatusCode.UnprocessableEntity);
        }
        finally
        {
            await customer.DeleteAsync($"/api/jobs/{other}");
        }
    }

    /// <summary>A tile as the mandelbrot-tiles task returns it: every pixel escaping after its column number of steps.</summary>
    private static string Tile(string inputJson)
    {
        var input = JsonDocument.Parse(inputJson).RootElement;
        var (width, height) = (input.GetProperty("width").GetInt32(), input.GetProperty("height").GetInt32());
        var iterations = Enumerable.Range(0, width * height).Select(i => (byte)(i % width)).ToArray();
        return JsonSerializer.Serialize(new
        {
            x = input.GetProperty("x").GetInt32(), y = input.GetProperty("y").GetInt32(), width, height, maxIterations = 10,
            iterations = Convert.ToBase64String(iterations),
        });
    }

    private GridStreamDbContext Db() =>
        new(new DbContextOptionsBuilder<GridStreamDbContext>().UseNpgsql(Server.ConnectionString).Options);

    private static async Task<Guid> AccountOfAsync(GridStreamDbContext db, ComputePeer peer) =>
        await db.Replicas.Where(r => r.PeerId == peer.Client.PeerId).Select(r => r.AccountId).FirstAsync();
}
