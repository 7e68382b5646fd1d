using GridStream.Domain.Ledger;
using GridStream.Domain.Payouts;
using GridStream.Server.Compute;
using GridStream.Server.Data;
using GridStream.Server.Ledger;
using Microsoft.Extensions.Options;
using Npgsql;

namespace GridStream.Server.Payouts;

/// <summary>
/// A payout run: every owner whose outstanding earnings are worth at least the minimum gets one payout, written with
/// its pending ledger transfers in one transaction, then handed to the gateway. Runs exclude each other with an
/// advisory lock; and each owner's earnings account is locked while its payout is decided, so even without the run
/// lock the same earnings could not be paid twice.
/// </summary>
internal sealed class RunPayouts(
    NpgsqlDataSource dataSource, LedgerStore ledger, IPayoutGateway gateway, SettlePayout settle, TimeProvider clock,
    IOptions<PayoutOptions> options, IOptions<ComputeOptions> computeOptions, ILogger<RunPayouts> logger)
{
    /// <summary>"PAYOUTRU": one run at a time across all server nodes.</summary>
    private const long RunLockKey = 0x5041_594F_5554_5255;

    public async Task<PayoutRunReport> RunAsync(CancellationToken cancellationToken)
    {
        var policy = new PayoutPolicy(computeOptions.Value.MicroCreditsPerCent, options.Value.MinimumCents);
        var now = clock.GetUtcNow();
        if (policy.Error() is { } invalid)
        {
            throw new InvalidOperationException($"Payouts are misconfigured: {invalid}");
        }

        // The lock belongs to this session: it is held across the per-owner transactions and released on return.
        await using var lockConnection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        if (!await TryLockAsync(lockConnection, cancellationToken).ConfigureAwait(false))
        {
            return new PayoutRunReport(false, "Another payout run is in progress; it pays everyone due.", now, policy.MinimumCents,
                policy.MicroCreditsPerCent, [], []);
        }

        try
        {
            var payouts = new List<PayoutView>();
            var skipped = new List<SkippedOwner>();
            foreach (var unsent in await UnsentAsync(cancellationToken).ConfigureAwait(false))
            {
                payouts.Add(PayoutView.From(await SendAsync(unsent, cancellationToken).ConfigureAwait(false)));
            }

            foreach (var owner in await OwnersAboveMinimumAsync(policy, cancellationToken).ConfigureAwait(false))
            {
                if (await gateway.WhyCannotPayAsync(owner, cancellationToken).ConfigureAwait(false) is { } cannotPay)
                {
                    skipped.Add(new SkippedOwner(owner, cannotPay));
                    continue;
                }

                var (payout, reason) = await PayOwnerAsync(owner, policy, now, cancellationToken).ConfigureAwait(false);
                if (payout is null)
                {
                    skipped.Add(new SkippedOwner(owner, reason!));
                    continue;
                }

                payouts.Add(PayoutView.From(await SendAsync(payout, cancellationToken).ConfigureAwait(false)));
            }

            logger.LogInformation("Payout run: {Count} payouts, {Cents} cents, {Skipped} owners skipped", payouts.Count, payouts.Sum(p => p.Cents), skipped.Count);
            return new PayoutRunReport(true, null, now, policy.MinimumCents, policy.MicroCreditsPerCent, payouts, skipped);
        }
        finally
        {
            await using var unlock = new NpgsqlCommand("SELECT pg_advisory_unlock(@key)", lockConnection);
            unlock.Parameters.AddWithValue("key", RunLockKey);
            await unlock.ExecuteScalarAsync(CancellationToken.None).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Payouts committed in transit but never handed to the gateway (no reference: the process stopped or the gateway
    /// failed between commit and answer). Sent again under their own key, which the gateway turns into the same transfer.
    /// </summary>
    private async Task<List<Payout>> UnsentAsync(CancellationToken cancellationToken)
    {
        if (!gateway.ResendsUnreferenced)
        {
            return [];
        }

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand(
            """
            SELECT "Id" FROM payouts WHERE "State" = 'InTransit' AND "Gateway" = @gateway AND "StripeTransferId" IS NULL ORDER BY "CreatedAt"
            """, connection, transaction);
        command.Parameters.AddWithValue("gateway", gateway.Name);
        var ids = new List<Guid>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                ids.Add(reader.GetGuid(0));
            }
        }

        var payouts = new List<Payout>();
        foreach (var id in ids)
        {
            // Locked only while read: a webhook settling it meanwhile is fine, the gateway finds its transfer again.
            if (await PayoutRows.LockAsync(connection, transaction, id, cancellationToken).ConfigureAwait(false) is { State: PayoutState.InTransit } payout)
            {
                payouts.Add(payout);
            }
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return payouts;
    }

    private static async Task<bool> TryLockAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT pg_try_advisory_lock(@key)", connection);
        command.Parameters.AddWithValue("key", RunLockKey);
        return (bool)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
    }

    /// <summary>A first look without locks; each owner is decided again under its account's lock.</summary>
    private async Task<List<Guid>> OwnersAboveMinimumAsync(PayoutPolicy policy, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            """
            SELECT "OwnerId" FROM ledger_accounts
            WHERE "Purpose" = 'Earnings' AND "Currency" = 'Credits' AND "CreditsPosted" - "DebitsPosted" - "DebitsPending" >= @threshold
            ORDER BY "OwnerId"
            """);
        command.Parameters.AddWithValue("threshold", checked(policy.MinimumCents * policy.MicroCreditsPerCent));
        var owners = new List<Guid>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            owners.Add(reader.GetGuid(0));
        }

        return owners;
    }

    /// <summary>One owner's payout in its own transaction; internal so tests can race it without the run lock.</summary>
    internal async Task<(Payout? Payout, string? Reason)> PayOwnerAsync(Guid ownerId, PayoutPolicy policy, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);

        // Sales post to this account only while holding its lock, so once we hold it every sale with a smaller id
        // than the newest we see is committed, and every later sale gets a larger id: the period's range is exact.
        var account = await LockEarningsAsync(connection, transaction, ownerId, cancellationToken).ConfigureAwait(false);
        if (account is null)
        {
            return (null, "The owner has no earnings account.");
        }

        var revenue = await ledger.BalanceAsync(connection, transaction, PayoutKeys.Revenue, cancellationToken).ConfigureAwait(false);
        var decision = PayoutRules.Decide(account.Value.Balance.Available, revenue.Available, policy);
        if (!decision.IsDue)
        {
            return (null, decision.Reason);
        }

        var previous = await PreviousPayoutAsync(connection, transaction, ownerId, cancellationToken).ConfigureAwait(false);
        var sales = await SalesSinceAsync(connection, transaction, account.Value.Id, previous.SalesThrough, cancellationToken).ConfigureAwait(false);
        var figures = PayoutFigures.At(account.Value.Balance.Available, sales.Earnings, decision.MicroCredits);
        var start = previous.PeriodEnd ?? sales.FirstAt ?? now;
        var payout = new Payout
        {
            Id = Guid.CreateVersion7(),
            OwnerId = ownerId,
            PeriodStart = start < now ? start : now,
            PeriodEnd = now,
            SalesAfterTransferId = previous.SalesThrough,
            SalesThroughTransferId = sales.Through,
            BroughtForwardMicroCredits = figures.BroughtForward,
            PeriodEarningsMicroCredits = figures.PeriodEarnings,
            CreditsConvertedMicroCredits = figures.CreditsConverted,
            CarriedForwardMicroCredits = figures.CarriedForward,
            Cents = decision.Cents,
            MicroCreditsPerCent = policy.MicroCreditsPerCent,
            State = PayoutState.InTransit,
            Gateway = gateway.Name,
            CreatedAt = now,
        };
        await PayoutRows.InsertAsync(connection, transaction, payout, cancellationToken).ConfigureAwait(false);
        var results = await ledger.PostAsync(
            connection, transaction, PayoutKeys.Transfers(payout.Id, ownerId, decision.MicroCredits, decision.Cents), cancellationToken).ConfigureAwait(false);
        if (results.FirstOrDefault(r => r.Outcome != TransferOutcome.PendingCreated) is { } refused)
        {
            return (null, $"The ledger refused the payout: {refused.Error}"); // rolled back with the payout row
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return (payout, null);
    }

    private async Task<Payout> SendAsync(Payout payout, CancellationToken cancellationToken)
    {
        GatewayOutcome outcome;
        try
        {
            outcome = await gateway.SendAsync(new PayoutOrder(payout.Id, payout.OwnerId, payout.Cents, payout.Id.ToString("D")), cancellationToken)
                .ConfigureAwait(false);
        }
#pragma warning disable CA1031 // One owner's gateway trouble must not stop the others' payouts.
        catch (Exception problem) when (problem is not OperationCanceledException)
#pragma warning restore CA1031
        {
            // The money is reserved and the payout in transit: an admin confirms or fails it once the gateway is clear.
            logger.LogError(problem, "Payout {PayoutId}: the {Gateway} gateway failed; the payout stays in transit", payout.Id, gateway.Name);
            return payout;
        }

        if (outcome is GatewayOutcome.AwaitingConfirmation { Reference: { } reference })
        {
            await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            await PayoutRows.SetStripeTransferAsync(connection, null, payout.Id, reference, cancellationToken).ConfigureAwait(false);
            payout.StripeTransferId ??= reference;
        }

        var settled = outcome switch
        {
            GatewayOutcome.Sent sent => await settle.ConfirmAsync(payout.Id, sent.Reference, cancellationToken).ConfigureAwait(false),
            GatewayOutcome.Failed failed => await settle.FailAsync(payout.Id, failed.Reason, cancellationToken).ConfigureAwait(false),
            _ => null,
        };
        return settled?.Payout ?? payout;
    }

    private static async Task<(long Id, AccountBalance Balance)?> LockEarningsAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, Guid ownerId, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            """
            SELECT "Id", "DebitsPosted", "CreditsPosted", "DebitsPending", "CreditsPending" FROM ledger_accounts
            WHERE "OwnerId" = @owner AND "Purpose" = 'Earnings' AND "Currency" = 'Credits'
            FOR NO KEY UPDATE
            """, connection, transaction);
        command.Parameters.AddWithValue("owner", ownerId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false)
            ? (reader.GetInt64(0), new AccountBalance(reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3), reader.GetInt64(4)))
            : null;
    }

    /// <summary>Where the last payout that did not fail ended: a failed payout's sales are listed again by the payout that pays them.</summary>
    private static async Task<(long SalesThrough, DateTimeOffset? PeriodEnd)> PreviousPayoutAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, Guid ownerId, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            """
            SELECT "SalesThroughTransferId", "PeriodEnd" FROM payouts
            WHERE "OwnerId" = @owner AND "State" <> 'Failed'
            ORDER BY "SalesThroughTransferId" DESC, "CreatedAt" DESC LIMIT 1
            """, connection, transaction);
        command.Parameters.AddWithValue("owner", ownerId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false)
            ? (reader.GetInt64(0), reader.GetFieldValue<DateTimeOffset>(1))
            : (0, null);
    }

    private static async Task<(long Earnings, long Through, DateTimeOffset? FirstAt)> SalesSinceAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, long earningsAccountId, long after, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            """
            SELECT COALESCE(sum("Amount"), 0)::bigint, COALESCE(max("Id"), @after), min("CreatedAt") FROM ledger_transfers
            WHERE "CreditAccountId" = @account AND "Currency" = 'Credits' AND "Id" > @after
              AND "Kind" = @kind AND "State" = 'Posted'
            """, connection, transaction);
        command.Parameters.AddWithValue("account", earningsAccountId);
        command.Parameters.AddWithValue("after", after);
        command.Parameters.AddWithValue("kind", PayoutKeys.SaleKind);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        return (reader.GetInt64(0), reader.GetInt64(1), reader.IsDBNull(2) ? null : reader.GetFieldValue<DateTimeOffset>(2));
    }
}

/// <summary>The recurring Hangfire job (GridStream:Payouts:Schedule).</summary>
public sealed class PayoutRunJob(IServiceProvider services)
{
    public const string RecurringJobId = "payout-run";

    public Task RunAsync(CancellationToken cancellationToken) => services.GetRequiredService<RunPayouts>().RunAsync(cancellationToken);
}
