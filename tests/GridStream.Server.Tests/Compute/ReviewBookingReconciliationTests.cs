using System.Net.Http.Json;
using GridStream.Domain.Accounts;
using GridStream.Domain.Compute.Protocol;
using GridStream.Server.Payouts;
using GridStream.Server.Tests.Infrastructure;

namespace GridStream.Server.Tests.Compute;

/// <summary>
/// A review books one transfer per viewer and job and one per job's usage; the reconciliation matches every
/// earnings and usage row to its transfer by key and sum, so a row changed or moved behind the ledger's back shows.
/// </summary>
public sealed class ReviewBookingReconciliationTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private const int Units = 6;
    private const long PriceCents = 3;

    private GridStreamFactory Server => fixture.Server;

    [Fact]
    public async Task Rows_match_their_reviews_transfers_until_one_is_changed_or_moved()
    {
        var content = await DemoManifest.CreateAsync(Server);
        using var customer = await Server.SignedUpAsync(Roles.Customer);
        var job = Jobs.IdOf(await Jobs.SubmitAsync(customer, new
        {
            name = "booked per review", code = Jobs.Doubling, inputs = Enumerable.Range(0, Units).ToArray(), priceCentsPerUnit = PriceCents,
        }));
        await using (var alice = await ComputePeer.StartAsync(Server, content, "10.41.1.5"))
        await using (var bob = await ComputePeer.StartAsync(Server, content, "10.41.2.5"))
        {
            await alice.WorkUntilIdleAsync(Jobs.Doubled, slots: Units);
            var leases = await bob.LeaseAsync(Units);
            await bob.SubmitAsync([.. leases.Leases.Select(lease => new WorkResult(lease.LeaseId, Jobs.Doubled(lease), null, 1))]);
        }

        await Jobs.WaitForStateAsync(customer, job, "Completed");
        using var admin = await Server.AdminAsync();
        var clean = await ReportAsync(admin);
        Assert.True(clean.Balanced, string.Join("; ", clean.Unmatched.Select(u => u.Problem)));

        var (replica, creditKey) = await RowAsync(
            """SELECT "ReplicaId", "TransferKey" FROM compute_earnings WHERE "JobId" = $1 ORDER BY "ReplicaId" LIMIT 1""", job);
        await Wallets.ScalarAsync<int>(Server, """UPDATE compute_earnings SET "MicroCredits" = "MicroCredits" + 1 WHERE "ReplicaId" = $1 RETURNING 1""", replica);
        var (unit, usageKey) = await RowAsync(
            """SELECT "UnitId", "TransferKey" FROM compute_usage WHERE "JobId" = $1 ORDER BY "UnitId" DESC LIMIT 1""", job);
        await Wallets.ScalarAsync<int>(Server, """UPDATE compute_usage SET "TransferKey" = 'compute-usage:0' WHERE "UnitId" = $1 RETURNING 1""", unit);

        var tampered = await ReportAsync(admin);

        Assert.False(tampered.Balanced);
        var flagged = tampered.Unmatched.Select(u => (u.Kind, u.Reference)).ToHashSet();
        Assert.Equal(
            new HashSet<(string, string)>
            {
                ("credit-transfer-not-its-rows", creditKey),
                ("usage-transfer-not-its-rows", usageKey),
                ("usage-row-without-transfer", unit.ToString()),
                ("accepted-unit-without-usage", unit.ToString()),
            },
            flagged);
    }

    private async Task<(long Id, string Key)> RowAsync(string sql, Guid job)
    {
        var row = await Wallets.ScalarAsync<string[]>(Server, $"SELECT ARRAY[a::text, b] FROM ({sql}) AS r(a, b)", job);
        return (long.Parse(row[0], System.Globalization.CultureInfo.InvariantCulture), row[1]);
    }

    private static async Task<ReconciliationReport> ReportAsync(HttpClient admin) =>
        (await admin.GetFromJsonAsync<ReconciliationReport>("/api/admin/reconciliation"))!;
}
