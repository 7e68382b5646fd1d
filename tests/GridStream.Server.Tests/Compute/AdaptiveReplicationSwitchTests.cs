using GridStream.Domain.Compute.Protocol;
using GridStream.Server.Data;
using GridStream.Server.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ComputeOptions = GridStream.Server.Compute.ComputeOptions;

namespace GridStream.Server.Tests.Compute;

/// <summary>
/// GridStream:Compute:AdaptiveReplication. This class has its own server, whose options it changes while it runs (the
/// options object is the one the broker reads), so the two facts run one after the other, never in parallel.
/// </summary>
public sealed class AdaptiveReplicationSwitchTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private const int Units = 20;

    private GridStreamFactory Server => fixture.Server;

    [Fact]
    public async Task Switched_off_a_trusted_accounts_units_still_go_to_a_second_account()
    {
        var (trusted, other) = await LeaseAsTrustedAsync(adaptive: false, "10.41");
        Assert.Equal(Units, trusted);
        Assert.Equal(Units, other);
    }

    [Fact]
    public async Task Switched_on_a_trusted_account_runs_fresh_units_alone()
    {
        var (trusted, other) = await LeaseAsTrustedAsync(adaptive: true, "10.42");
        Assert.Equal(Units, trusted);
        // Alone with probability 1 − 1/CV per lease round; at CV 1,000,000 a round with a partner is a one-in-a-million event.
        Assert.Equal(0, other);
    }

    /// <summary>Leases a job's units to an account trusted far beyond the threshold, then as much as another account can take.</summary>
    private async Task<(int Trusted, int Other)> LeaseAsTrustedAsync(bool adaptive, string network)
    {
        Server.Services.GetRequiredService<IOptions<ComputeOptions>>().Value.AdaptiveReplication = adaptive;
        var content = await DemoManifest.CreateAsync(Server);
        using var customer = await Server.SignedUpAsync("customer");
        await using var trusted = await ComputePeer.StartAsync(Server, content, $"{network}.1.5");
        await using var other = await ComputePeer.StartAsync(Server, content, $"{network}.2.5");
        var warmUp = Jobs.IdOf(await Jobs.SubmitAsync(customer, new
        {
            name = "warm-up", code = Jobs.Doubling, inputs = new[] { 1 }, policy = new { quorum = 1 }, priceCentsPerUnit = 1,
        }));
        var first = Assert.Single((await trusted.LeaseAsync()).Leases);
        await trusted.SubmitAsync(new WorkResult(first.LeaseId, Jobs.Doubled(first), null, 1));
        await Jobs.WaitForStateAsync(customer, warmUp, "Completed");
        await using (var db = Db())
        {
            var account = await db.Replicas.Where(r => r.Id == first.LeaseId).Select(r => r.AccountId).SingleAsync();
            await db.ComputeTrust.Where(t => t.AccountId == account).ExecuteUpdateAsync(t => t.SetProperty(x => x.ConsecutiveValid, 1_000_000));
        }

        var job = Jobs.IdOf(await Jobs.SubmitAsync(customer, new
        {
            name = adaptive ? "adaptive" : "full quorum", code = Jobs.Doubling, inputs = Enumerable.Range(0, Units).ToArray(), priceCentsPerUnit = 1,
        }));
        try
        {
            var trustedLeases = (await trusted.LeaseAsync(Units)).Leases.Count(l => l.JobId == job);
            var otherLeases = (await other.LeaseAsync(Units)).Leases.Count(l => l.JobId == job);
            return (trustedLeases, otherLeases);
        }
        finally
        {
            await customer.DeleteAsync($"/api/jobs/{job}");
        }
    }

    private GridStreamDbContext Db() =>
        new(new DbContextOptionsBuilder<GridStreamDbContext>().UseNpgsql(Server.ConnectionString).Options);
}
