using System.Net;
using System.Text.Json;
using GridStream.Server.Tests.Infrastructure;

namespace GridStream.Server.Tests.Compute;

/// <summary>GET /api/jobs/{id}/timeline through the real host: the chart data adds up to the job's own figures.</summary>
public sealed class JobTimelineApiTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private GridStreamFactory Server => fixture.Server;

    [Fact]
    public async Task The_timeline_of_a_completed_job_adds_up_to_its_units_and_its_cost()
    {
        var content = await DemoManifest.CreateAsync(Server);
        using var customer = await Server.SignedUpAsync("customer");
        var job = Jobs.IdOf(await Jobs.SubmitAsync(customer, new
        {
            name = "doubling", code = Jobs.Doubling, inputs = Enumerable.Range(0, 25).ToArray(), priceCentsPerUnit = 4,
        }));
        var before = await TimelineAsync(customer, job);
        Assert.All(before.GetProperty("points").EnumerateArray(), p => Assert.Equal(0, p.GetProperty("costCentsSoFar").GetInt64()));

        await using var alice = await ComputePeer.StartAsync(Server, content, "10.30.1.5");
        await using var bob = await ComputePeer.StartAsync(Server, content, "10.30.2.5");
        await alice.WorkUntilIdleAsync(Jobs.Doubled);
        await bob.WorkUntilIdleAsync(Jobs.Doubled);
        var details = await Jobs.WaitForStateAsync(customer, job, "Completed");

        var timeline = await TimelineAsync(customer, job);
        var points = timeline.GetProperty("points").EnumerateArray().ToList();
        Assert.InRange(points.Count, 1, 120);
        Assert.Equal(25, points.Sum(p => p.GetProperty("accepted").GetInt64()));
        Assert.Equal(0, points.Sum(p => p.GetProperty("failed").GetInt64()));
        Assert.Equal(details.GetProperty("costCents").GetInt64(), points[^1].GetProperty("costCentsSoFar").GetInt64());
        Assert.Equal(100, points[^1].GetProperty("costCentsSoFar").GetInt64());
        var interval = timeline.GetProperty("intervalSeconds").GetInt32();
        Assert.All(points, p => Assert.Equal(
            (p.GetProperty("accepted").GetInt64() + p.GetProperty("failed").GetInt64()) / (double)interval, p.GetProperty("unitsPerSecond").GetDouble(), 9));
        Assert.Equal(details.GetProperty("finishedAt").GetDateTimeOffset(), timeline.GetProperty("end").GetDateTimeOffset());
    }

    [Fact]
    public async Task Another_customers_job_has_no_timeline()
    {
        using var owner = await Server.SignedUpAsync("customer");
        using var stranger = await Server.SignedUpAsync("customer");
        var job = Jobs.IdOf(await Jobs.SubmitAsync(owner, new { name = "mine", code = Jobs.Doubling, inputs = new[] { 1 }, priceCentsPerUnit = 1 }));

        using var response = await stranger.GetAsync($"/api/jobs/{job}/timeline");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    private static async Task<JsonElement> TimelineAsync(HttpClient customer, Guid job)
    {
        using var response = await customer.GetAsync($"/api/jobs/{job}/timeline");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
    }
}
