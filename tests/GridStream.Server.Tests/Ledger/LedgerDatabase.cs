using GridStream.Domain.Ledger;
using GridStream.Server.Ledger;
using GridStream.Server.Tests.Infrastructure;
using Npgsql;

namespace GridStream.Server.Tests.Ledger;

/// <summary>A fresh database migrated by the real server (no host needed: the ledger is called in-process by flows).</summary>
public sealed class LedgerDatabase : IAsyncLifetime
{
    private NpgsqlDataSource? _dataSource;

    public NpgsqlDataSource DataSource => _dataSource ?? throw new InvalidOperationException("The database has not started.");

    public string ConnectionString { get; private set; } = "";

    internal LedgerStore Store { get; } = new();

    public async Task InitializeAsync()
    {
        ConnectionString = await TestCluster.CreateDatabaseAsync();
        _dataSource = NpgsqlDataSource.Create(ConnectionString);
    }

    public async Task DisposeAsync()
    {
        if (_dataSource is not null)
        {
            await _dataSource.DisposeAsync();
        }
    }

    /// <summary>Posts the transfers in their own transaction and commits it.</summary>
    internal async Task<IReadOnlyList<TransferResult>> PostAsync(params TransferRequest[] transfers)
    {
        await using var connection = await DataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        var results = await Store.PostAsync(connection, transaction, transfers, CancellationToken.None);
        await transaction.CommitAsync();
        return results;
    }

    internal async Task<TransferResult> ResolveAsync(string pendingKey, string newKey, bool post)
    {
        await using var connection = await DataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        var result = post
            ? await Store.PostPendingAsync(connection, transaction, pendingKey, newKey, CancellationToken.None)
            : await Store.VoidPendingAsync(connection, transaction, pendingKey, newKey, CancellationToken.None);
        await transaction.CommitAsync();
        return result;
    }

    internal Task<AccountBalance> BalanceAsync(AccountRef account) => Store.BalanceAsync(DataSource, account, CancellationToken.None);

    /// <summary>Posts a funding transfer from credit issuance into a fresh wallet and returns the wallet.</summary>
    internal async Task<AccountRef> FundedWalletAsync(long microCredits)
    {
        var wallet = AccountRef.Of(Guid.NewGuid(), AccountPurpose.Wallet, Currency.Credits);
        var funded = await PostAsync(Transfers.Issue(wallet, microCredits));
        Assert.Equal(TransferOutcome.Posted, Assert.Single(funded).Outcome);
        return wallet;
    }

    internal async Task<T> ScalarAsync<T>(string sql)
    {
        await using var command = DataSource.CreateCommand(sql);
        return (T)(await command.ExecuteScalarAsync())!;
    }
}

internal static class Transfers
{
    public static readonly AccountRef Issuance = AccountRef.Platform(AccountPurpose.CreditIssuance, Currency.Credits);
    public static readonly AccountRef Fees = AccountRef.Platform(AccountPurpose.Fees, Currency.Credits);

    public static string NewKey(string what = "t") => $"{what}-{Guid.NewGuid():N}";

    public static TransferRequest Issue(AccountRef wallet, long amount, string? key = null) =>
        new(key ?? NewKey("issue"), Issuance, wallet, amount, "test.issue");

    public static TransferRequest Spend(AccountRef wallet, long amount, string? key = null, bool pending = false) =>
        new(key ?? NewKey("spend"), wallet, Fees, amount, "test.spend", Pending: pending);
}
