using System.Net.Http.Json;
using GridStream.Domain.Ledger;
using GridStream.Server.Data;
using GridStream.Server.Ledger;
using GridStream.Server.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace GridStream.Server.Tests.Payouts;

/// <summary>
/// Writes money into a test server's books the way the flows of money.md do — same transfer kinds, keys, references
/// and rows beside them (compute_earnings, accepted units and compute_usage, content_licenses) — through the
/// server's own LedgerStore, so these tests do not depend on the compute and licensing flows being wired to the ledger.
/// </summary>
internal sealed class MoneyBooks(GridStreamFactory server)
{
    public const int FeePercent = 20;

    public static readonly AccountRef Revenue = AccountRef.Platform(AccountPurpose.Revenue, Currency.Usd);
    public static readonly AccountRef Cash = AccountRef.Platform(AccountPurpose.Cash, Currency.Usd);
    public static readonly AccountRef Issuance = AccountRef.Platform(AccountPurpose.CreditIssuance, Currency.Credits);
    private static readonly AccountRef Escrow = AccountRef.Platform(AccountPurpose.LicenseEscrow, Currency.Credits);
    private static readonly AccountRef Fees = AccountRef.Platform(AccountPurpose.Fees, Currency.Credits);

    // Replica ids only need to be unique in this database; start far from any the broker would hand out.
    private static long _nextReplica = 900_000_000;

    private NpgsqlDataSource DataSource => server.Services.GetRequiredService<NpgsqlDataSource>();

    private LedgerStore Ledger => server.Services.GetRequiredService<LedgerStore>();

    public static AccountRef Earnings(Guid owner) => AccountRef.Of(owner, AccountPurpose.Earnings, Currency.Credits);

    public static AccountRef Wallet(Guid viewer) => AccountRef.Of(viewer, AccountPurpose.Wallet, Currency.Credits);

    public async Task<(HttpClient Client, Guid Id)> UserAsync(string role)
    {
        var client = await server.SignedUpAsync(role);
        var me = await client.GetFromJsonAsync<Me>("/api/me");
        return (client, me!.Id);
    }

    /// <summary>A validated replica's credits: its compute_earnings row and the compute.credit transfer, in one transaction.</summary>
    public async Task EarnCreditsAsync(Guid viewer, long microCredits)
    {
        var replica = Interlocked.Increment(ref _nextReplica);
        await InTransactionAsync(async (connection, transaction) =>
        {
            await using (var command = new NpgsqlCommand(
                """
                INSERT INTO compute_earnings ("ReplicaId", "ViewerId", "JobId", "MicroCredits", "CreatedAt", "TransferKey")
                VALUES ($1, $2, $3, $4, now(), 'compute-credit:' || $1)
                """, connection, transaction))
            {
                command.Parameters.Add(new() { Value = replica });
                command.Parameters.Add(new() { Value = viewer });
                command.Parameters.Add(new() { Value = Guid.NewGuid() });
                command.Parameters.Add(new() { Value = microCredits });
                await command.ExecuteNonQueryAsync();
            }

            await PostAllAsync(connection, transaction,
                new TransferRequest($"compute-credit:{replica}", Issuance, Wallet(viewer), microCredits, "compute.credit", replica.ToString()));
        });
    }

    public async Task<Guid> ContentAsync(Guid owner, string title, long price)
    {
        await using var scope = server.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GridStreamDbContext>();
        var now = DateTimeOffset.UtcNow;
        var item = new ContentItem
        {
            Id = Guid.NewGuid(), OwnerId = owner, Title = title, MasterPlaylistUrl = "http://127.0.0.1:9/master.m3u8", IsPublished = true,
            PriceMicroCredits = price, ManifestState = ManifestState.Ready, CreatedAt = now, UpdatedAt = now,
        };
        db.ContentItems.Add(item);
        await db.SaveChangesAsync();
        return item.Id;
    }

    /// <summary>
    /// A license sale as money.md lays it out: wallet → escrow pending, the license row, the purchase posted, then
    /// escrow → owner earnings and escrow → platform fee (owner + fee = price). The viewer earns the price first.
    /// </summary>
    public async Task<Guid> SellAsync(Guid viewer, Guid owner, Guid content, long price)
    {
        await EarnCreditsAsync(viewer, price);
        var license = Guid.CreateVersion7();
        var paymentKey = $"license:{viewer:N}:{Guid.NewGuid():N}";
        var fee = price * FeePercent / 100;
        await InTransactionAsync(async (connection, transaction) =>
        {
            await PostAllAsync(connection, transaction,
                new TransferRequest(paymentKey, Wallet(viewer), Escrow, price, "license.purchase", license.ToString(), Pending: true));
            await using (var command = new NpgsqlCommand(
                """
                INSERT INTO content_licenses ("Id", "ViewerId", "ContentItemId", "GrantedAt", "ExpiresAt", "PricePaidMicroCredits", "IdempotencyKey")
                VALUES ($1, $2, $3, now(), NULL, $4, $5)
                """, connection, transaction))
            {
                command.Parameters.Add(new() { Value = license });
                command.Parameters.Add(new() { Value = viewer });
                command.Parameters.Add(new() { Value = content });
                command.Parameters.Add(new() { Value = price });
                command.Parameters.Add(new() { Value = Guid.NewGuid().ToString("N") });
                await command.ExecuteNonQueryAsync();
            }

            var posted = await Ledger.PostPendingAsync(connection, transaction, paymentKey, $"{paymentKey}:post", CancellationToken.None);
            Assert.True(posted.Succeeded, posted.Error);
            await PostAllAsync(connection, transaction,
                new TransferRequest($"{paymentKey}:owner", Escrow, Earnings(owner), price - fee, "license.earnings", license.ToString()),
                new TransferRequest($"{paymentKey}:fee", Escrow, Fees, fee, "license.fee", license.ToString()));
        });
        return license;
    }

    /// <summary>A customer's job with <paramref name="units"/> accepted units at the price: unit rows, usage rows and compute.usage transfers.</summary>
    public async Task<long[]> BillUsageAsync(Guid customer, long centsPerUnit, int units)
    {
        await using var scope = server.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GridStreamDbContext>();
        var job = new ComputeJob
        {
            Id = Guid.NewGuid(), CustomerId = customer, Name = "billing test", Code = "function run(x) { return x; }",
            CodeSha256 = new string('a', 64), Quorum = 1, MaxTotalReplicas = 1, MaxErrors = 1, DeadlineSeconds = 60, CpuMillisPerUnit = 1_000,
            MemoryMegabytesPerUnit = 64, PriceCentsPerUnit = centsPerUnit, UnitCount = units, State = ComputeJobState.Completed,
            CreatedAt = DateTimeOffset.UtcNow,
        };
        db.ComputeJobs.Add(job);
        await db.SaveChangesAsync();
        var ids = await AcceptedUnitsAsync(job.Id, units);
        await InTransactionAsync(async (connection, transaction) =>
        {
            await using (var command = new NpgsqlCommand(
                """
                INSERT INTO compute_usage ("UnitId", "CustomerId", "JobId", "AmountCents", "CreatedAt", "TransferKey")
                SELECT unit, $2, $3, $4, now(), 'compute-usage:' || unit FROM unnest($1::bigint[]) AS unit
                """, connection, transaction))
            {
                command.Parameters.Add(new() { Value = ids });
                command.Parameters.Add(new() { Value = customer });
                command.Parameters.Add(new() { Value = job.Id });
                command.Parameters.Add(new() { Value = centsPerUnit });
                await command.ExecuteNonQueryAsync();
            }

            await PostAllAsync(connection, transaction, [.. ids.Select(unit => new TransferRequest(
                $"compute-usage:{unit}", AccountRef.Of(customer, AccountPurpose.Usage, Currency.Usd), Revenue, centsPerUnit, "compute.usage", unit.ToString()))]);
        });
        return ids;
    }

    /// <summary>Accepted units of an existing job, written without anything else (no usage row, no transfer).</summary>
    public async Task<long[]> AcceptedUnitsAsync(Guid job, int units)
    {
        await using var command = DataSource.CreateCommand(
            """
            INSERT INTO work_units ("JobId", "Index", "Input", "State", "Wanted", "Issued", "RequiredAgreement", "AgreedCount", "DecidedAt")
            SELECT $1, COALESCE((SELECT max("Index") + 1 FROM work_units WHERE "JobId" = $1), 0) + i, '{}', 'Accepted', 0, 1, 1, 1, now()
            FROM generate_series(0, $2 - 1) AS i
            RETURNING "Id"
            """);
        command.Parameters.Add(new() { Value = job });
        command.Parameters.Add(new() { Value = units });
        var ids = new List<long>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            ids.Add(reader.GetInt64(0));
        }

        return [.. ids];
    }

    public Task<AccountBalance> BalanceAsync(AccountRef account) => Ledger.BalanceAsync(DataSource, account, CancellationToken.None);

    public async Task<T> ScalarAsync<T>(string sql, params object[] parameters)
    {
        await using var command = DataSource.CreateCommand(sql);
        foreach (var parameter in parameters)
        {
            command.Parameters.Add(new() { Value = parameter });
        }

        return (T)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>The ledger transfer stored under a key: (amount, state), or null.</summary>
    public async Task<(long Amount, string State)?> TransferAsync(string key)
    {
        await using var command = DataSource.CreateCommand("""SELECT "Amount", "State" FROM ledger_transfers WHERE "IdempotencyKey" = $1""");
        command.Parameters.Add(new() { Value = key });
        await using var reader = await command.ExecuteReaderAsync();
        return await reader.ReadAsync() ? (reader.GetInt64(0), reader.GetString(1)) : null;
    }

    private async Task PostAllAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, params TransferRequest[] transfers)
    {
        foreach (var result in await Ledger.PostAsync(connection, transaction, transfers, CancellationToken.None))
        {
            Assert.True(result.Succeeded, result.Error);
        }
    }

    private async Task InTransactionAsync(Func<NpgsqlConnection, NpgsqlTransaction, Task> work)
    {
        await using var connection = await DataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await work(connection, transaction);
        await transaction.CommitAsync();
    }

    private sealed record Me(Guid Id, string Email);
}
