using GridStream.Domain.Ledger;
using Npgsql;

namespace GridStream.Server.Ledger;

/// <summary>Reads transfers back by idempotency key or by the pending transfer they resolve, with their accounts named.</summary>
internal static class StoredTransfers
{
    private const string Select =
        """
        SELECT t."Id", t."IdempotencyKey", t."Amount", t."Kind", t."Reference", t."State", t."PendingTransferId",
               d."OwnerId", d."Purpose", d."Currency", c."OwnerId", c."Purpose", c."Currency"
        FROM ledger_transfers t
        JOIN ledger_accounts d ON d."Id" = t."DebitAccountId"
        JOIN ledger_accounts c ON c."Id" = t."CreditAccountId"
        """;

    private const string ByKeysFilter = """ WHERE t."IdempotencyKey" = ANY(@keys)""";

    public static async Task<Dictionary<string, StoredTransfer>> ByKeysAsync(
        NpgsqlConnection connection, NpgsqlTransaction? transaction, IReadOnlyCollection<string> keys, CancellationToken cancellationToken)
    {
        if (keys.Count == 0)
        {
            return new Dictionary<string, StoredTransfer>(StringComparer.Ordinal);
        }

        await using var command = new NpgsqlCommand(Select + ByKeysFilter, connection, transaction);
        command.Parameters.AddWithValue("keys", keys.ToArray());
        var found = await ReadAllAsync(command, cancellationToken).ConfigureAwait(false);
        return found.ToDictionary(t => t.Content.IdempotencyKey, StringComparer.Ordinal);
    }

    /// <summary>The same read as <see cref="ByKeysAsync"/>, as a command for a batch; read it with <see cref="ReadByKeyAsync"/>.</summary>
    public static NpgsqlBatchCommand ByKeysCommand(IReadOnlyCollection<string> keys) =>
        new(Select + ByKeysFilter) { Parameters = { new("keys", keys.ToArray()) } };

    public static async Task<Dictionary<string, StoredTransfer>> ReadByKeyAsync(NpgsqlDataReader reader, CancellationToken cancellationToken) =>
        (await ReadRowsAsync(reader, cancellationToken).ConfigureAwait(false)).ToDictionary(t => t.Content.IdempotencyKey, StringComparer.Ordinal);

    public static async Task<StoredTransfer?> ByKeyAsync(
        NpgsqlConnection connection, NpgsqlTransaction? transaction, string key, CancellationToken cancellationToken) =>
        (await ByKeysAsync(connection, transaction, [key], cancellationToken).ConfigureAwait(false)).GetValueOrDefault(key);

    public static async Task<StoredTransfer?> ResolutionOfAsync(
        NpgsqlConnection connection, NpgsqlTransaction? transaction, long pendingTransferId, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(Select + """ WHERE t."PendingTransferId" = @pending""", connection, transaction);
        command.Parameters.AddWithValue("pending", pendingTransferId);
        return (await ReadAllAsync(command, cancellationToken).ConfigureAwait(false)).SingleOrDefault();
    }

    private static async Task<List<StoredTransfer>> ReadAllAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await ReadRowsAsync(reader, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<List<StoredTransfer>> ReadRowsAsync(NpgsqlDataReader reader, CancellationToken cancellationToken)
    {
        var found = new List<StoredTransfer>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var state = Enum.Parse<TransferState>(reader.GetString(5));
            var content = new TransferRequest(
                reader.GetString(1), LedgerAccounts.ReadRef(reader, 7), LedgerAccounts.ReadRef(reader, 10), reader.GetInt64(2),
                reader.GetString(3), reader.IsDBNull(4) ? null : reader.GetString(4), Pending: state == TransferState.Pending);
            found.Add(new StoredTransfer(reader.GetInt64(0), content, state, reader.IsDBNull(6) ? null : reader.GetInt64(6)));
        }

        return found;
    }
}
