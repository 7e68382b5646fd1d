using GridStream.Domain.Payouts;
using Npgsql;
using Stripe;

namespace GridStream.Server.Payouts;

/// <summary>An owner's connected account as stored: its id and what Stripe last said about it.</summary>
public sealed record ConnectAccountRow(Guid OwnerId, string AccountId, ConnectAccountStatus Status);

/// <summary>Reads and writes stripe_connect_accounts with plain SQL, in the caller's transaction when there is one.</summary>
internal static class ConnectAccounts
{
    private const string Columns = """ "OwnerId", "AccountId", "PayoutsEnabled", "TransfersActive", "CurrentlyDue", "StatusAt" """;

    /// <summary>What a Stripe account object says, as of <paramref name="observedAt"/>.</summary>
    public static ConnectAccountStatus StatusOf(Account account, DateTimeOffset observedAt) => new(
        account.PayoutsEnabled,
        string.Equals(account.Capabilities?.Transfers, "active", StringComparison.Ordinal),
        [.. account.Requirements?.CurrentlyDue ?? []],
        observedAt);

    public static async Task<ConnectAccountRow?> OfOwnerAsync(
        NpgsqlConnection connection, NpgsqlTransaction? transaction, Guid ownerId, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"""SELECT {Columns} FROM stripe_connect_accounts WHERE "OwnerId" = @owner""", connection, transaction);
        command.Parameters.AddWithValue("owner", ownerId);
        return await ReadOneAsync(command, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The row of a Stripe account, locked until the transaction ends (account.updated events of one account queue here).</summary>
    public static async Task<ConnectAccountRow?> LockByAccountAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, string accountId, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            $"""SELECT {Columns} FROM stripe_connect_accounts WHERE "AccountId" = @account FOR UPDATE""", connection, transaction);
        command.Parameters.AddWithValue("account", accountId);
        return await ReadOneAsync(command, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Every owner's account id (for the transfer reconciliation).</summary>
    public static async Task<Dictionary<Guid, string>> AccountIdsAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("""SELECT "OwnerId", "AccountId" FROM stripe_connect_accounts""", connection, transaction);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var ids = new Dictionary<Guid, string>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            ids[reader.GetGuid(0)] = reader.GetString(1);
        }

        return ids;
    }

    /// <summary>Stores the owner's account once; a second store (a concurrent onboarding) keeps the first row and returns it.</summary>
    public static async Task<ConnectAccountRow> InsertOnceAsync(
        NpgsqlConnection connection, Guid ownerId, string accountId, ConnectAccountStatus status, CancellationToken cancellationToken)
    {
        await using (var insert = new NpgsqlCommand(
            """
            INSERT INTO stripe_connect_accounts ("OwnerId", "AccountId", "PayoutsEnabled", "TransfersActive", "CurrentlyDue", "StatusAt", "CreatedAt")
            VALUES (@owner, @account, @payouts, @transfers, @due, @at, now()) ON CONFLICT ("OwnerId") DO NOTHING
            """, connection))
        {
            insert.Parameters.AddWithValue("owner", ownerId);
            insert.Parameters.AddWithValue("account", accountId);
            AddStatus(insert, status);
            await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        return await OfOwnerAsync(connection, null, ownerId, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"The connected account of owner {ownerId} vanished after it was stored.");
    }

    public static async Task UpdateStatusAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, string accountId, ConnectAccountStatus status, CancellationToken cancellationToken)
    {
        await using var update = new NpgsqlCommand(
            """
            UPDATE stripe_connect_accounts SET "PayoutsEnabled" = @payouts, "TransfersActive" = @transfers, "CurrentlyDue" = @due, "StatusAt" = @at
            WHERE "AccountId" = @account
            """, connection, transaction);
        update.Parameters.AddWithValue("account", accountId);
        AddStatus(update, status);
        await update.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static void AddStatus(NpgsqlCommand command, ConnectAccountStatus status)
    {
        command.Parameters.AddWithValue("payouts", status.PayoutsEnabled);
        command.Parameters.AddWithValue("transfers", status.TransfersActive);
        command.Parameters.AddWithValue("due", status.CurrentlyDue.ToArray());
        command.Parameters.AddWithValue("at", status.ObservedAt);
    }

    private static async Task<ConnectAccountRow?> ReadOneAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        var status = new ConnectAccountStatus(reader.GetBoolean(2), reader.GetBoolean(3), reader.GetFieldValue<string[]>(4),
            reader.GetFieldValue<DateTimeOffset>(5));
        return new ConnectAccountRow(reader.GetGuid(0), reader.GetString(1), status);
    }
}
