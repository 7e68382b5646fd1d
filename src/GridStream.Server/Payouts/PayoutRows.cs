using GridStream.Domain.Payouts;
using GridStream.Server.Data;
using Npgsql;

namespace GridStream.Server.Payouts;

/// <summary>Writes and reads payout rows with plain SQL, inside the caller's transaction (next to its ledger transfers).</summary>
internal static class PayoutRows
{
    private const string Columns =
        """
        "Id", "OwnerId", "PeriodStart", "PeriodEnd", "SalesAfterTransferId", "SalesThroughTransferId", "BroughtForwardMicroCredits",
        "PeriodEarningsMicroCredits", "CreditsConvertedMicroCredits", "CarriedForwardMicroCredits", "Cents", "MicroCreditsPerCent",
        "State", "Gateway", "ExternalReference", "FailureReason", "CreatedAt", "SettledAt", "StripeTransferId"
        """;

    public static async Task InsertAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, Payout payout, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            $"""
            INSERT INTO payouts ({Columns})
            VALUES (@id, @owner, @start, @end, @after, @through, @forward, @earned, @converted, @carried, @cents, @rate,
                    @state, @gateway, NULL, NULL, @created, NULL, NULL)
            """, connection, transaction);
        command.Parameters.AddWithValue("id", payout.Id);
        command.Parameters.AddWithValue("owner", payout.OwnerId);
        command.Parameters.AddWithValue("start", payout.PeriodStart);
        command.Parameters.AddWithValue("end", payout.PeriodEnd);
        command.Parameters.AddWithValue("after", payout.SalesAfterTransferId);
        command.Parameters.AddWithValue("through", payout.SalesThroughTransferId);
        command.Parameters.AddWithValue("forward", payout.BroughtForwardMicroCredits);
        command.Parameters.AddWithValue("earned", payout.PeriodEarningsMicroCredits);
        command.Parameters.AddWithValue("converted", payout.CreditsConvertedMicroCredits);
        command.Parameters.AddWithValue("carried", payout.CarriedForwardMicroCredits);
        command.Parameters.AddWithValue("cents", payout.Cents);
        command.Parameters.AddWithValue("rate", payout.MicroCreditsPerCent);
        command.Parameters.AddWithValue("state", payout.State.ToString());
        command.Parameters.AddWithValue("gateway", payout.Gateway);
        command.Parameters.AddWithValue("created", payout.CreatedAt);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The payout, locked until the caller's transaction ends (settlements of one payout queue here).</summary>
    public static async Task<Payout?> LockAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, Guid id, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"""SELECT {Columns} FROM payouts WHERE "Id" = @id FOR UPDATE""", connection, transaction);
        command.Parameters.AddWithValue("id", id);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? Read(reader) : null;
    }

    public static async Task SettleAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, Payout payout, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            """
            UPDATE payouts SET "State" = @state, "ExternalReference" = @reference, "FailureReason" = @reason, "SettledAt" = @settled
            WHERE "Id" = @id
            """, connection, transaction);
        command.Parameters.AddWithValue("id", payout.Id);
        command.Parameters.AddWithValue("state", payout.State.ToString());
        command.Parameters.Add(new NpgsqlParameter<string?>("reference", payout.ExternalReference) { NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter<string?>("reason", payout.FailureReason) { NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset?>("settled", payout.SettledAt) { NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.TimestampTz });
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Records the Stripe transfer of a payout the first time it is known (from the answer or from a webhook).</summary>
    public static async Task SetStripeTransferAsync(
        NpgsqlConnection connection, NpgsqlTransaction? transaction, Guid payoutId, string transferId, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            """UPDATE payouts SET "StripeTransferId" = @transfer WHERE "Id" = @id AND "StripeTransferId" IS NULL""", connection, transaction);
        command.Parameters.AddWithValue("id", payoutId);
        command.Parameters.AddWithValue("transfer", transferId);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static Payout Read(NpgsqlDataReader reader) => new()
    {
        Id = reader.GetGuid(0),
        OwnerId = reader.GetGuid(1),
        PeriodStart = reader.GetFieldValue<DateTimeOffset>(2),
        PeriodEnd = reader.GetFieldValue<DateTimeOffset>(3),
        SalesAfterTransferId = reader.GetInt64(4),
        SalesThroughTransferId = reader.GetInt64(5),
        BroughtForwardMicroCredits = reader.GetInt64(6),
        PeriodEarningsMicroCredits = reader.GetInt64(7),
        CreditsConvertedMicroCredits = reader.GetInt64(8),
        CarriedForwardMicroCredits = reader.GetInt64(9),
        Cents = reader.GetInt64(10),
        MicroCreditsPerCent = reader.GetInt64(11),
        State = Enum.Parse<PayoutState>(reader.GetString(12)),
        Gateway = reader.GetString(13),
        ExternalReference = reader.IsDBNull(14) ? null : reader.GetString(14),
        FailureReason = reader.IsDBNull(15) ? null : reader.GetString(15),
        CreatedAt = reader.GetFieldValue<DateTimeOffset>(16),
        SettledAt = reader.IsDBNull(17) ? null : reader.GetFieldValue<DateTimeOffset>(17),
        StripeTransferId = reader.IsDBNull(18) ? null : reader.GetString(18),
    };
}
