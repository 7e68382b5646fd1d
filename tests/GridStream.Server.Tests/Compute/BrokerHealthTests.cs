using System.Net.Http.Json;
using System.Text.Json;
using GridStream.Domain.Compute.Protocol;
using GridStream.Server.Tests.Infrastructure;

namespace GridStream.Server.Tests.Compute;

/// <summary>
/// GET /api/admin/broker through the real host and database, with peers answering over the real hub: an honest pair,
/// a liar and a peer whose every unit errors. The class has its own database, so every figure is known exactly.
/// </summary>
public sealed class BrokerHealthTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private const int Units = 10;

    private GridStreamFactory Server => fixture.Server;

    [Fact]
    public async Task The_broker_figures_follow_a_job_from_queued_through_leased_to_validated_with_its_lies_and_errors()
    {
        var content = await DemoManifest.CreateAsync(Server);
        using var admin = await Server.AdminAsync();
        using var customer = await Server.SignedUpAsync("customer");
        var job = Jobs.IdOf(await Jobs.SubmitAsync(customer, new
        {
            name = "watched by the operator", code = Jobs.Doubling, inputs = Enumerable.Range(0, Units).ToArray(), priceCentsPerUnit = 1,
        }));

        var queued = await BrokerAsync(admin);
        Assert.Equal(Units, queued.GetProperty("unitsWaiting").GetInt64());
        Assert.Equal(0, queued.GetProperty("unitsLeased").GetInt64());
        Assert.Equal(0, queued.GetProperty("leasesInFlight").GetInt64());
        Assert.Equal(0, queued.GetProperty("acceptedInWindow").GetInt64());

        await using var liar = await ComputePeer.StartAsync(Server, content, "10.31.1.5");
        var lies = await liar.LeaseAsync(Units);
        Assert.Equal(Units, lies.Leases.Count);
        var leased = await BrokerAsync(admin);
        Assert.Equal(0, leased.GetProperty("unitsWaiting").GetInt64());
        Assert.Equal(Units, leased.GetProperty("unitsLeased").GetInt64());
        Assert.Equal(Units, leased.GetProperty("leasesInFlight").GetInt64());

        Assert.Equal(Units, (await liar.SubmitAsync([.. lies.Leases.Select(lease => new WorkResult(lease.LeaseId, "{\"doubled\":-1}", null, 1))])).Recorded);
        await using var crasher = await ComputePeer.StartAsync(Server, content, "10.31.2.5");
        var crashes = await crasher.LeaseAsync(Units);
        Assert.Equal(Units, crashes.Leases.Count);
        Assert.Equal(Units, (await crasher.SubmitAsync([.. crashes.Leases.Select(lease => new WorkResult(lease.LeaseId, null, "RangeError: out of memory", 1))])).Recorded);
        await using var alice = await ComputePeer.StartAsync(Server, content, "10.31.3.5");
        await using var bob = await ComputePeer.StartAsync(Server, content, "10.31.4.5");
        Assert.Equal(Units, await alice.WorkUntilIdleAsync(Jobs.Doubled));
        Assert.Equal(Units, await bob.WorkUntilIdleAsync(Jobs.Doubled));
        await Jobs.WaitForStateAsync(customer, job, "Completed");

        var done = await BrokerAsync(admin);
        Assert.Equal(0, done.GetProperty("unitsWaiting").GetInt64());
        Assert.Equal(0, done.GetProperty("unitsLeased").GetInt64());
        Assert.Equal(0, done.GetProperty("leasesInFlight").GetInt64());
        Assert.Equal(Units, done.GetProperty("acceptedInWindow").GetInt64());
        Assert.Equal(0, done.GetProperty("failedInWindow").GetInt64());
        Assert.Equal(Units / 60.0, done.GetProperty("validatedPerSecond").GetDouble(), 6);
        var replicas = done.GetProperty("replicas");
        Assert.Equal(4 * Units, replicas.GetProperty("finished").GetInt64());
        Assert.Equal(2 * Units, replicas.GetProperty("valid").GetInt64());
        Assert.Equal(Units, replicas.GetProperty("invalid").GetInt64());
        Assert.Equal(Units, replicas.GetProperty("errored").GetInt64());
        Assert.Equal(2_500, done.GetProperty("errorRatePerTenThousand").GetInt32());
        Assert.Equal(3_333, done.GetProperty("disagreementRatePerTenThousand").GetInt32());

        // The liar is back at zero, the crasher never rose; the honest pair each count ten corroborated results.
        var trust = done.GetProperty("trust").EnumerateArray().ToList();
        Assert.Equal([2L, 0L, 2L], trust.Select(bucket => bucket.GetProperty("accounts").GetInt64()));
        Assert.Equal([false, false, true], trust.Select(bucket => bucket.GetProperty("trusted").GetBoolean()));
    }

    private static async Task<JsonElement> BrokerAsync(HttpClient admin) =>
        await admin.GetFromJsonAsync<JsonElement>("/api/admin/broker");
}
