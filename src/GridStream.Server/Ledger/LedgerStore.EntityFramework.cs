using GridStream.Domain.Ledger;
using GridStream.Server.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace GridStream.Server.Ledger;

/// <summary>
/// For flows that work through the DbContext: the transfers join the context's current transaction, so
/// SaveChanges and the transfers commit together with <c>transaction.CommitAsync()</c>.
/// </summary>
internal sealed partial class LedgerStore
{
    /// <exception cref="InvalidOperationException">The context has no transaction: begin one first, so the event and its transfers commit together.</exception>
    public Task<IReadOnlyList<TransferResult>> PostAsync(
        GridStreamDbContext db, IReadOnlyList<TransferRequest> transfers, CancellationToken cancellationToken)
    {
        var (connection, transaction) = ConnectionOf(db);
        return PostAsync(connection, transaction, transfers, cancellationToken);
    }

    public Task<TransferResult> PostPendingAsync(GridStreamDbContext db, string pendingKey, string newKey, CancellationToken cancellationToken)
    {
        var (connection, transaction) = ConnectionOf(db);
        return PostPendingAsync(connection, transaction, pendingKey, newKey, cancellationToken);
    }

    public Task<TransferResult> VoidPendingAsync(GridStreamDbContext db, string pendingKey, string newKey, CancellationToken cancellationToken)
    {
        var (connection, transaction) = ConnectionOf(db);
        return VoidPendingAsync(connection, transaction, pendingKey, newKey, cancellationToken);
    }

    /// <summary>The context's open connection and current transaction, as Npgsql objects.</summary>
    public static (NpgsqlConnection Connection, NpgsqlTransaction Transaction) ConnectionOf(GridStreamDbContext db)
    {
        ArgumentNullException.ThrowIfNull(db);
        var transaction = db.Database.CurrentTransaction
            ?? throw new InvalidOperationException("Ledger transfers join the caller's transaction: call db.Database.BeginTransactionAsync() first.");
        return ((NpgsqlConnection)db.Database.GetDbConnection(), (NpgsqlTransaction)transaction.GetDbTransaction());
    }
}
