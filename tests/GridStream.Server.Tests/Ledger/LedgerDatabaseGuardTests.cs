using GridStream.Domain.Ledger;
using Npgsql;
using static GridStream.Server.Tests.Ledger.Transfers;

namespace GridStream.Server.Tests.Ledger;

/// <summary>The database refuses to break the ledger's invariants even when SQL bypasses the store.</summary>
public sealed class LedgerDatabaseGuardTests(LedgerDatabase ledger) : IClassFixture<LedgerDatabase>
{
    [Theory]
    [InlineData("""UPDATE ledger_transfers SET "Amount" = "Amount" + 1 WHERE "IdempotencyKey" = @key""", "immutable")]
    [InlineData("""DELETE FROM ledger_transfers WHERE "IdempotencyKey" = @key""", "immutable")]
    [InlineData("TRUNCATE ledger_transfers CASCADE", "immutable")]
    [InlineData("""UPDATE ledger_accounts SET "CreditsPosted" = "CreditsPosted" + 1000000 WHERE "Id" = (SELECT "CreditAccountId" FROM ledger_transfers WHERE "IdempotencyKey" = @key)""", "only with transfers")]
    [InlineData("""UPDATE ledger_accounts SET "MayGoNegative" = true WHERE "Id" = (SELECT "CreditAccountId" FROM ledger_transfers WHERE "IdempotencyKey" = @key)""", "cannot change")]
    [InlineData("""DELETE FROM ledger_accounts WHERE "Id" = (SELECT "CreditAccountId" FROM ledger_transfers WHERE "IdempotencyKey" = @key)""", "never deleted")]
    [InlineData("""INSERT INTO ledger_accounts ("OwnerId", "Purpose", "Currency", "MayGoNegative", "DebitsPosted", "CreditsPosted", "DebitsPending", "CreditsPending") VALUES (gen_random_uuid(), 'Wallet', 'Credits', false, 0, 5, 0, 0)""", "open at zero")]
    public async Task Transfers_and_balances_cannot_be_changed_behind_the_ledgers_back(string sql, string expected)
    {
        var wallet = await ledger.FundedWalletAsync(1_000);
        var key = (await ledger.ScalarAsync<string>(
            $"""SELECT t."IdempotencyKey" FROM ledger_transfers t JOIN ledger_accounts a ON a."Id" = t."CreditAccountId" WHERE a."OwnerId" = '{wallet.OwnerId}'"""));

        var error = await Assert.ThrowsAsync<PostgresException>(() => ExecuteAsync(sql, ("key", key)));

        Assert.Contains(expected, error.MessageText);
        Assert.Equal(new AccountBalance(0, 1_000, 0, 0), await ledger.BalanceAsync(wallet));
    }

    [Fact]
    public async Task An_inserted_transfer_that_overdraws_mixes_currencies_or_is_empty_is_refused()
    {
        var wallet = await ledger.FundedWalletAsync(1_000);
        var usd = AccountRef.Platform(AccountPurpose.Revenue, Currency.Usd);
        await ledger.PostAsync(new TransferRequest(NewKey(), AccountRef.Platform(AccountPurpose.Cash, Currency.Usd), usd, 1, "test.cash"));
        var walletId = await IdOfAsync(wallet);
        var feesId = await IdOfAsync(Fees);
        var usdId = await IdOfAsync(usd);

        var overdraw = await Assert.ThrowsAsync<PostgresException>(() => InsertAsync(walletId, feesId, 1_001, "Credits"));
        var mixed = await Assert.ThrowsAsync<PostgresException>(() => InsertAsync(walletId, usdId, 1, "Credits"));
        var zero = await Assert.ThrowsAsync<PostgresException>(() => InsertAsync(walletId, feesId, 0, "Credits"));
        var self = await Assert.ThrowsAsync<PostgresException>(() => InsertAsync(walletId, walletId, 1, "Credits"));

        Assert.Equal(PostgresErrorCodes.CheckViolation, overdraw.SqlState);
        Assert.Equal(PostgresErrorCodes.ForeignKeyViolation, mixed.SqlState);
        Assert.Equal(PostgresErrorCodes.CheckViolation, zero.SqlState);
        Assert.Equal(PostgresErrorCodes.CheckViolation, self.SqlState);
        Assert.Equal(new AccountBalance(0, 1_000, 0, 0), await ledger.BalanceAsync(wallet));
    }

    [Fact]
    public async Task A_resolution_must_repeat_its_pending_transfer_and_only_one_may_exist()
    {
        var wallet = await ledger.FundedWalletAsync(1_000);
        var hold = Spend(wallet, 500, pending: true);
        var pendingId = Assert.Single(await ledger.PostAsync(hold)).TransferId!.Value;
        var walletId = await IdOfAsync(wallet);
        var feesId = await IdOfAsync(Fees);

        var wrongAmount = await Assert.ThrowsAsync<PostgresException>(() => InsertAsync(walletId, feesId, 499, "Credits", "Posted", pendingId));
        await InsertAsync(walletId, feesId, 500, "Credits", "Voided", pendingId);
        var second = await Assert.ThrowsAsync<PostgresException>(() => InsertAsync(walletId, feesId, 500, "Credits", "Posted", pendingId));

        Assert.Contains("does not resolve", wrongAmount.MessageText);
        Assert.Equal(PostgresErrorCodes.UniqueViolation, second.SqlState);
        Assert.Equal(new AccountBalance(0, 1_000, 0, 0), await ledger.BalanceAsync(wallet));
    }

    private async Task<long> IdOfAsync(AccountRef account)
    {
        var owner = account.OwnerId is { } id ? $"= '{id}'" : "IS NULL";
        return await ledger.ScalarAsync<long>(
            $"""SELECT "Id" FROM ledger_accounts WHERE "OwnerId" {owner} AND "Purpose" = '{account.Purpose}' AND "Currency" = '{account.Currency}'""");
    }

    private Task InsertAsync(long debit, long credit, long amount, string currency, string state = "Posted", long? pending = null) => ExecuteAsync(
        """
        INSERT INTO ledger_transfers ("IdempotencyKey", "DebitAccountId", "CreditAccountId", "Amount", "Currency", "Kind", "State", "PendingTransferId")
        VALUES (@key, @debit, @credit, @amount, @currency, 'test.raw', @state, @pending)
        """,
        ("key", NewKey("raw")), ("debit", debit), ("credit", credit), ("amount", amount), ("currency", currency), ("state", state),
        ("pending", pending is { } p ? p : DBNull.Value));

    private async Task ExecuteAsync(string sql, params (string Name, object Value)[] parameters)
    {
        await using var command = ledger.DataSource.CreateCommand(sql);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        await command.ExecuteNonQueryAsync();
    }
}
