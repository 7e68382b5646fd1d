using GridStream.Server.Licensing;
using GridStream.Server.Tests.Infrastructure;
using Npgsql;

namespace GridStream.Server.Tests.Licensing;

/// <summary>
/// A small real payment until the ledger lands: a balance table in the server's database, debited inside the purchase's
/// own transaction — so a rolled-back purchase really leaves the balance alone. Tests fund wallets with <see cref="FundAsync"/>.
/// </summary>
internal sealed class TestWalletPayment : ILicensePayment
{
    public async Task<PaymentOutcome> ChargeAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, Guid viewerId, Guid ownerId, long priceMicroCredits,
        string idempotencyKey, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            """
            WITH debited AS (UPDATE test_wallets SET balance = balance - $3 WHERE viewer = $1 AND balance >= $3 RETURNING viewer)
            INSERT INTO test_charges (key, viewer, owner, amount) SELECT $4, $1, $2, $3 FROM debited
            """, connection, transaction)
        {
            Parameters = { new() { Value = viewerId }, new() { Value = ownerId }, new() { Value = priceMicroCredits }, new() { Value = idempotencyKey } },
        };
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1 ? PaymentOutcome.Paid : PaymentOutcome.InsufficientCredits;
    }

    /// <summary>Makes the wallet tables; the fixtures call it once, before any purchase.</summary>
    public static async Task CreateTablesAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            """
            CREATE TABLE IF NOT EXISTS test_wallets (viewer uuid PRIMARY KEY, balance bigint NOT NULL CHECK (balance >= 0));
            CREATE TABLE IF NOT EXISTS test_charges (key text PRIMARY KEY, viewer uuid NOT NULL, owner uuid NOT NULL, amount bigint NOT NULL);
            """, connection);
        await command.ExecuteNonQueryAsync();
    }

    public static async Task FundAsync(GridStreamFactory server, Guid viewerId, long microCredits)
    {
        await using var connection = new NpgsqlConnection(server.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            """
            INSERT INTO test_wallets (viewer, balance) VALUES ($1, $2) ON CONFLICT (viewer) DO UPDATE SET balance = excluded.balance;
            """, connection)
        {
            Parameters = { new() { Value = viewerId }, new() { Value = microCredits } },
        };
        await command.ExecuteNonQueryAsync();
    }

    public static async Task<(long Balance, long Charges)> WalletAsync(GridStreamFactory server, Guid viewerId)
    {
        await using var connection = new NpgsqlConnection(server.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT (SELECT balance FROM test_wallets WHERE viewer = $1), (SELECT count(*) FROM test_charges WHERE viewer = $1)", connection)
        {
            Parameters = { new() { Value = viewerId } },
        };
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (reader.GetInt64(0), reader.GetInt64(1));
    }
}
