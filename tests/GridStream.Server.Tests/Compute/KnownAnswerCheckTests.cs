using GridStream.Domain.Compute;
using GridStream.Domain.Compute.Protocol;
using GridStream.Domain.Ledger;
using GridStream.Server.Data;
using GridStream.Server.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace GridStream.Server.Tests.Compute;

/// <summary>Every solo round of a trusted account carries a known-answer check on this server.</summary>
public sealed class KnownAnswerCheckServerFixture() : ServerFixture(
    withDemoContent: false, settings: new Dictionary<string, string> { ["GridStream:Compute:KnownAnswerCheckRate"] = "1" });

/// <summary>Adaptive replication through the real hub and database: trust earned, units run alone, a liar caught.</summary>
public sealed class KnownAnswerCheckTests(KnownAnswerCheckServerFixture fixture) : IClassFixture<KnownAnswerCheckServerFixture>
{
    private GridStreamFactory Server => fixture.Server;

    [Fact]
    public async Task A_trusted_account_runs_units_alone_and_when_a_check_catches_it_lying_they_are_opened_again()
    {
        var content = await DemoManifest.CreateAsync(Server);
        using var customer = await Server.SignedUpAsync("customer");
        await using var trusted = await ComputePeer.StartAsync(Server, content, "10.30.1.5");
        await using var partner = await ComputePeer.StartAsync(Server, content, "10.30.2.5");

        // Earning trust: results confirmed by another account, more than TrustRules.TrustedAfter of them.
        var warmUp = Jobs.IdOf(await Jobs.SubmitAsync(customer, new
        {
            name = "warm-up", code = Jobs.Doubling, inputs = Enumerable.Range(0, 2 * TrustRules.TrustedAfter).ToArray(), priceCentsPerUnit = 1,
        }));
        await trusted.WorkUntilIdleAsync(Jobs.Doubled);
        await partner.WorkUntilIdleAsync(Jobs.Doubled);
        await Jobs.WaitForStateAsync(customer, warmUp, "Completed");
        Assert.True(await ConsecutiveValidAsync(trusted) >= TrustRules.TrustedAfter);

        // Answers the trusted account has never seen, agreed by two other accounts: what checks are made of.
        await using (var first = await ComputePeer.StartAsync(Server, content, "10.30.3.5"))
        await using (var second = await ComputePeer.StartAsync(Server, content, "10.30.4.5"))
        {
            var known = Jobs.IdOf(await Jobs.SubmitAsync(customer, new
            {
                name = "known answers", code = Jobs.Doubling, inputs = Enumerable.Range(1_000, 5).ToArray(), priceCentsPerUnit = 1,
            }));
            await first.WorkUntilIdleAsync(Jobs.Doubled);
            await second.WorkUntilIdleAsync(Jobs.Doubled);
            await Jobs.WaitForStateAsync(customer, known, "Completed");
        }

        // Trusted now: a round is handed out alone (with probability 1 − 1/trust) and then carries a known-answer check.
        var job = Jobs.IdOf(await Jobs.SubmitAsync(customer, new
        {
            name = "run alone", code = Jobs.Doubling, inputs = Enumerable.Range(100, 50).ToArray(), priceCentsPerUnit = 1,
        }));
        var (solo, check) = await LeaseUntilASoloRoundWithACheckAsync(trusted, job);

        var receipt = await trusted.SubmitAsync([
            .. solo.Select(lease => new WorkResult(lease.LeaseId, Jobs.Doubled(lease), null, 1)),
            new WorkResult(check.LeaseId, "{\"doubled\":-1}", null, 1),
        ]);

        Assert.Equal(solo.Count + 1, receipt.Recorded);
        Assert.Equal(0, await ConsecutiveValidAsync(trusted));
        await using (var db = Db())
        {
            var soloIds = solo.Select(l => l.LeaseId).ToList();
            var units = await db.Replicas.Where(r => soloIds.Contains(r.Id)).Select(r => r.UnitId).ToListAsync();
            Assert.All(await db.WorkUnits.Where(u => units.Contains(u.Id)).ToListAsync(), unit =>
            {
                Assert.Equal(WorkUnitState.Open, unit.State);
                Assert.Equal(2, unit.RequiredAgreement);
            });
        }

        // Its answers stay as one result each; the rest of the job runs with a full quorum again.
        await trusted.WorkUntilIdleAsync(Jobs.Doubled);
        await partner.WorkUntilIdleAsync(Jobs.Doubled);
        await Jobs.WaitForStateAsync(customer, job, "Completed");
        var results = await Jobs.ResultsAsync(customer, job);
        Assert.Equal(50, results.Count);
        Assert.All(results, result => Assert.Equal(2, result.GetProperty("agreed").GetInt32()));
        await using var after = Db();
        Assert.Equal(50, await after.ComputeUsage.CountAsync(u => u.JobId == job));
        // Units opened again and accepted anew credit each replica once and bill each unit once: the ledger's
        // transfers for the job are exactly its earnings and usage rows, each row under one of them.
        var earned = await after.ComputeEarnings.Where(e => e.JobId == job).SumAsync(e => e.MicroCredits);
        var credits = await after.LedgerTransfers.Where(t => t.Kind == ComputeTransfers.CreditKind && t.Reference == job.ToString("D")).ToListAsync();
        Assert.Equal(earned, credits.Sum(t => t.Amount));
        var creditKeys = credits.Select(t => t.IdempotencyKey).ToList();
        Assert.Equal(0, await after.ComputeEarnings.CountAsync(e => e.JobId == job && !creditKeys.Contains(e.TransferKey)));
        var usage = await after.LedgerTransfers.Where(t => t.Kind == ComputeTransfers.UsageKind && t.Reference == job.ToString("D")).ToListAsync();
        Assert.Equal(await after.ComputeUsage.Where(u => u.JobId == job).SumAsync(u => u.AmountCents), usage.Sum(t => t.Amount));
        Assert.Equal(50 * await after.ComputeJobs.Where(j => j.Id == job).Select(j => j.PriceCentsPerUnit).SingleAsync(), usage.Sum(t => t.Amount));
    }

    /// <summary>Rounds that were not handed out alone are answered honestly; the first solo round (with its check) is returned.</summary>
    private async Task<(List<WorkLease> Solo, WorkLease Check)> LeaseUntilASoloRoundWithACheckAsync(ComputePeer peer, Guid job)
    {
        await using var db = Db();
        for (var round = 0; round < 10; round++)
        {
            var batch = await peer.LeaseAsync(5);
            var ids = batch.Leases.Select(l => l.LeaseId).ToList();
            var checks = await db.Replicas.Where(r => ids.Contains(r.Id) && r.IsSpotCheck).Select(r => r.Id).ToListAsync();
            var ofJob = batch.Leases.Where(l => l.JobId == job).ToList();
            if (checks.Count == 1 && ofJob.Count == 5)
            {
                return (ofJob, batch.Leases.Single(l => l.LeaseId == checks[0]));
            }

            await peer.SubmitAsync([.. batch.Leases.Select(l => new WorkResult(l.LeaseId, Jobs.Doubled(l), null, 1))]);
        }

        throw new Xunit.Sdk.XunitException("In ten rounds the trusted account was never handed a solo round with a check.");
    }

    private async Task<int> ConsecutiveValidAsync(ComputePeer peer)
    {
        await using var db = Db();
        var account = await db.Replicas.Where(r => r.PeerId == peer.Client.PeerId).Select(r => r.AccountId).FirstAsync();
        return await db.ComputeTrust.Where(t => t.AccountId == account).Select(t => t.ConsecutiveValid).SingleAsync();
    }

    private GridStreamDbContext Db() =>
        new(new DbContextOptionsBuilder<GridStreamDbContext>().UseNpgsql(Server.ConnectionString).Options);
}
