using System.Security.Claims;
using GridStream.Domain.Ledger;
using GridStream.Server.Accounts;
using GridStream.Server.Ledger;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;

namespace GridStream.Server.Wallet;

/// <summary>The signed-in viewer's own wallet: balance and a page of history, newest first, paged by a cursor.</summary>
internal static class GetWallet
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 200;

    public static async Task<Results<Ok<WalletView>, ValidationProblem>> HandleAsync(
        long? before, int? limit, ClaimsPrincipal user, NpgsqlDataSource dataSource, LedgerStore ledger, CancellationToken cancellationToken)
    {
        var size = limit ?? DefaultLimit;
        var errors = new Dictionary<string, string[]>();
        if (size is < 1 or > MaxLimit)
        {
            errors["limit"] = [$"limit is between 1 and {MaxLimit} (it is {size})."];
        }

        if (before is < 1)
        {
            errors["before"] = ["before is the nextBefore of a previous page: a positive transfer id."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var wallet = AccountRef.Of(user.UserId(), AccountPurpose.Wallet, Currency.Credits);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        // One snapshot for both reads, so the page and the balance describe the same moment.
        await using var transaction = await connection.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, cancellationToken).ConfigureAwait(false);
        var balance = await ledger.BalanceAsync(connection, transaction, wallet, cancellationToken).ConfigureAwait(false);
        var (entries, more) = await WalletHistory.ReadAsync(connection, transaction, wallet, before ?? long.MaxValue, size, cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);

        var view = new WalletBalance(
            CreditAmount.Of(balance.Posted), CreditAmount.Of(balance.Available), CreditAmount.Of(balance.DebitsPending), CreditAmount.Of(balance.CreditsPending));
        return TypedResults.Ok(new WalletView(view, entries, more ? entries[^1].Id : null));
    }
}
