using System.Diagnostics;
using System.Globalization;
using GridStream.Domain.Ledger;
using GridStream.Server.Data;
using GridStream.Server.Hosting.Postgres;
using GridStream.Server.Ledger;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace GridStream.Benchmarks;

/// <summary>
/// Transfers per second through <see cref="LedgerStore"/> on a durable embedded PostgreSQL (synchronous commit on,
/// every invariant enforced by the store and by the database's triggers and CHECKs). Each batch is one transaction.
/// "Spread": wallet-to-wallet transfers between random pairs of funded wallets (1,000 by default: a batch of 1,000
/// then touches most of them, so concurrent writers queue on each other's locks; more wallets spread them out).
/// "Hot": every transfer takes from the one credit-issuance account, as validated compute work does.
/// </summary>
internal static class LedgerBenchmark
{
    public static int Run(string[] args)
    {
        var transfers = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 20_000;
        var writers = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 4;
        var wallets = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 1_000;
        RunAsync(transfers, writers, wallets).GetAwaiter().GetResult();
        return 0;
    }

    private static async Task RunAsync(int transfers, int writers, int walletCount)
    {
        var folder = Path.Combine(Path.GetTempPath(), "gridstream-ledger-bench-" + Guid.NewGuid().ToString("N")[..8]);
        await using var postgres = await EmbeddedPostgres.StartAsync(
            new EmbeddedPostgresOptions { DataDirectory = folder, Durable = true }, NullLogger.Instance);
        try
        {
            await postgres.CreateDatabaseAsync("ledger_bench", template: null);
            var connectionString = postgres.ConnectionString("ledger_bench");
            await using (var db = new GridStreamDbContext(new DbContextOptionsBuilder<GridStreamDbContext>().UseNpgsql(connectionString).Options))
            {
                await db.Database.MigrateAsync();
            }

            await using var dataSource = NpgsqlDataSource.Create(connectionString);
            var store = new LedgerStore();
            var wallets = Enumerable.Range(0, walletCount).Select(_ => AccountRef.Of(Guid.NewGuid(), AccountPurpose.Wallet, Currency.Credits)).ToArray();
            var issuance = AccountRef.Platform(AccountPurpose.CreditIssuance, Currency.Credits);
            await PostAllAsync(store, dataSource, wallets.Select(w => new TransferRequest(Key(), issuance, w, 1_000_000_000, "bench.fund")).ToList(), 500, 1);

            Console.WriteLine($"ledger: {transfers:N0} transfers per case, {writers} concurrent writers, {walletCount:N0} wallets, durable commits");
            Console.WriteLine("| case | batch | transfers/s | ms per batch (mean) |");
            Console.WriteLine("|---|---|---|---|");
            foreach (var batch in new[] { 1, 10, 100, 1_000 })
            {
                var count = batch == 1 ? Math.Min(transfers, 4_000) : transfers;
                await CaseAsync("spread", store, dataSource, count, batch, writers, random =>
                {
                    var from = random.Next(walletCount);
                    var to = (from + 1 + random.Next(walletCount - 1)) % walletCount;
                    return new TransferRequest(Key(), wallets[from], wallets[to], 1 + random.Next(100), "bench.spread");
                });
                await CaseAsync("hot", store, dataSource, count, batch, writers, random =>
                    new TransferRequest(Key(), issuance, wallets[random.Next(walletCount)], 1 + random.Next(100), "bench.hot"));
            }

            await using var check = dataSource.CreateCommand(
                """SELECT count(*) FROM (SELECT 1 FROM ledger_accounts GROUP BY "Currency" HAVING sum("DebitsPosted") <> sum("CreditsPosted")) x""");
            Console.WriteLine($"unbalanced currencies afterwards: {await check.ExecuteScalarAsync()}");
        }
        finally
        {
            await postgres.DisposeAsync();
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task CaseAsync(
        string name, LedgerStore store, NpgsqlDataSource dataSource, int count, int batch, int writers, Func<Random, TransferRequest> next)
    {
        var random = new Random(42);
        var requests = Enumerable.Range(0, count).Select(_ => next(random)).ToList();
        var started = Stopwatch.GetTimestamp();
        var batches = await PostAllAsync(store, dataSource, requests, batch, writers);
        var elapsed = Stopwatch.GetElapsedTime(started);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {name} | {batch} | {count / elapsed.TotalSeconds:N0} | {elapsed.TotalMilliseconds * writers / batches:0.0} |"));
    }

    /// <summary>Writers take batches from a shared queue; each batch is one transaction. Returns how many batches ran.</summary>
    private static async Task<int> PostAllAsync(LedgerStore store, NpgsqlDataSource dataSource, List<TransferRequest> requests, int batch, int writers)
    {
        var queue = new System.Collections.Concurrent.ConcurrentQueue<TransferRequest[]>(requests.Chunk(batch));
        var total = queue.Count;
        await Task.WhenAll(Enumerable.Range(0, writers).Select(_ => Task.Run(async () =>
        {
            while (queue.TryDequeue(out var chunk))
            {
                await using var connection = await dataSource.OpenConnectionAsync();
                await using var transaction = await connection.BeginTransactionAsync();
                var results = await store.PostAsync(connection, transaction, chunk, CancellationToken.None);
                await transaction.CommitAsync();
                if (results.FirstOrDefault(r => r.Outcome != TransferOutcome.Posted) is { } failed)
                {
                    throw new InvalidOperationException($"{failed.IdempotencyKey}: {failed.Outcome} {failed.Error}");
                }
            }
        })));
        return total;
    }

    private static string Key() => Guid.NewGuid().ToString("N");
}
