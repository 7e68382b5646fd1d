using GridStream.Domain.Ledger;
using GridStream.Server.Ledger;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace GridStream.Server.Tests.Infrastructure;

/// <summary>
/// Viewers' wallets in the server's real ledger. Funding posts a transfer of kind <c>test.funding</c> from the
/// platform's credit issuance through the server's own <see cref="LedgerStore"/>, as validated compute work would.
/// </summary>
internal static class Wallets
{
    public const string FundingKind = "test.funding";

    public static AccountRef Of(Guid viewerId) => AccountRef.Of(viewerId, AccountPurpose.Wallet, Currency.Credits);

    public static AccountRef EarningsOf(Guid ownerId) => AccountRef.Of(ownerId, AccountPurpose.Earnings, Currency.Credits);

    public static async Task FundAsync(GridStreamFactory server, Guid viewerId, long microCredits)
    {
        await using var connection = new NpgsqlConnection(server.ConnectionString);
        await connection.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        var funding = new TransferRequest(
            $"test-funding:{Guid.NewGuid():N}", ComputeTransfers.Issuance, Of(viewerId), microCredits, FundingKind);
        var result = Assert.Single(await Ledger(server).PostAsync(connection, transaction, [funding], CancellationToken.None));
        Assert.Equal(TransferOutcome.Posted, result.Outcome);
        await transaction.CommitAsync();
    }

    public static async Task<AccountBalance> BalanceAsync(GridStreamFactory server, AccountRef account)
    {
        await using var connection = new NpgsqlConnection(server.ConnectionString);
        await connection.OpenAsync();
        return await Ledger(server).BalanceAsync(connection, null, account, CancellationToken.None);
    }

    /// <summary>The wallet's posted balance and how many license purchases were posted from it.</summary>
    public static async Task<(long Posted, long Purchases)> StateAsync(GridStreamFactory server, Guid viewerId)
    {
        var balance = await BalanceAsync(server, Of(viewerId));
        var purchases = await ScalarAsync<long>(server,
            """
            SELECT count(*) FROM ledger_transfers t JOIN ledger_accounts a ON a."Id" = t."DebitAccountId"
            WHERE a."OwnerId" = $1 AND a."Purpose" = 'Wallet' AND t."Kind" = 'license.purchase' AND t."State" = 'Posted'
            """, viewerId);
        return (balance.Posted, purchases);
    }

    public static async Task<T> ScalarAsync<T>(GridStreamFactory server, string sql, params object[] parameters)
    {
        await using var connection = new NpgsqlConnection(server.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var parameter in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        }

        return (T)(await command.ExecuteScalarAsync())!;
    }

    private static LedgerStore Ledger(GridStreamFactory server) => server.Services.GetRequiredService<LedgerStore>();
}
