using GridStream.Domain.Billing;
using GridStream.Server.Data;
using Microsoft.Extensions.Options;
using Npgsql;

namespace GridStream.Server.Billing;

/// <summary>What one relay run did.</summary>
public sealed record UsageRelayReport(
    bool Ran, string? Reason, int Sent, int AlreadySent, int NothingToBill, int TooOld, int Rejected, int Deferred);

/// <summary>
/// Relays the usage outbox (compute_usage rows, written in the validating transaction) to Stripe as meter events, the
/// oldest first. Each row is marked in the database right after Stripe's answer. Exactly one meter event per usage id
/// holds whatever fails in between: the identifier is the usage id and the Idempotency-Key is derived from it, so a
/// retry after a lost answer is either replayed by Stripe or refused as a duplicate identifier, which counts as sent.
/// One run at a time across nodes (an advisory lock). When Stripe keeps failing, the row waits with a backoff and the
/// run stops, rather than hammering every other row against the same failure.
/// </summary>
internal sealed class RelayUsage(
    NpgsqlDataSource dataSource, StripeGateway gateway, ProvisionStripeCustomer customers, TimeProvider clock,
    IOptions<StripeOptions> options, ILogger<RelayUsage> logger)
{
    /// <summary>"USAGEREL".</summary>
    private const long RelayLockKey = 0x5553_4147_4552_454C;

    /// <summary>Bounds one run; the next run (a minute later) goes on where it stopped.</summary>
    private const int MaxBatchesPerRun = 50;

    /// <summary>Longer waits are not slept through inside a run: the row waits for a later run instead.</summary>
    private static readonly TimeSpan MaxWaitInRun = TimeSpan.FromSeconds(5);

    public async Task<UsageRelayReport> RunAsync(CancellationToken cancellationToken)
    {
        if (!gateway.IsConfigured)
        {
            return new UsageRelayReport(false, "Stripe is not configured: usage waits in the outbox.", 0, 0, 0, 0, 0, 0);
        }

        await using var lockConnection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (var tryLock = new NpgsqlCommand("SELECT pg_try_advisory_lock($1)", lockConnection) { Parameters = { new() { Value = RelayLockKey } } })
        {
            if (!(bool)(await tryLock.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!)
            {
                return new UsageRelayReport(false, "Another relay run is in progress.", 0, 0, 0, 0, 0, 0);
            }
        }

        var policy = UsageRelayPolicy.Default with { BatchSize = options.Value.RelayBatchSize };
        var tally = new Dictionary<RowResult, int>();
        var stopped = false;
        for (var batch = 0; batch < MaxBatchesPerRun && !stopped; batch++)
        {
            var rows = await DueRowsAsync(policy.BatchSize, cancellationToken).ConfigureAwait(false);
            foreach (var row in rows)
            {
                var result = await RelayRowAsync(row, policy, cancellationToken).ConfigureAwait(false);
                tally[result] = tally.GetValueOrDefault(result) + 1;
                if (result == RowResult.Deferred)
                {
                    stopped = true;
                    break;
                }
            }

            stopped |= rows.Count < policy.BatchSize;
        }

        var deferred = tally.GetValueOrDefault(RowResult.Deferred);
        var report = new UsageRelayReport(true, deferred > 0 ? "A row must wait (Stripe failed, or its time is ahead); the run stopped there." : null,
            tally.GetValueOrDefault(RowResult.Sent), tally.GetValueOrDefault(RowResult.AlreadySent), tally.GetValueOrDefault(RowResult.NothingToBill),
            tally.GetValueOrDefault(RowResult.TooOld), tally.GetValueOrDefault(RowResult.Rejected), deferred);
        logger.LogInformation("Usage relay: {Report}", report);
        return report;
    }

    private enum RowResult
    {
        Sent,
        AlreadySent,
        NothingToBill,
        TooOld,
        Rejected,
        Deferred,
    }

    private sealed record DueRow(long UnitId, Guid CustomerId, long AmountCents, DateTimeOffset CreatedAt, int Attempts);

    private async Task<RowResult> RelayRowAsync(DueRow row, UsageRelayPolicy policy, CancellationToken cancellationToken)
    {
        if (row.AmountCents <= 0)
        {
            await MarkAsync(row.UnitId, UsageRelayState.NothingToBill, 0, null, null, cancellationToken).ConfigureAwait(false);
            return RowResult.NothingToBill;
        }

        var timing = MeterEventTiming.Decide(row.CreatedAt, clock.GetUtcNow());
        if (timing.Kind == MeterEventTimingKind.TooOld)
        {
            logger.LogWarning("Usage {UnitId} ({Cents} cents, {At:u}) is older than Stripe accepts; it is marked TooOld and listed for an admin", row.UnitId, row.AmountCents, row.CreatedAt);
            await MarkAsync(row.UnitId, UsageRelayState.TooOld, 0, null,
                $"Older than Stripe accepts ({MeterEventTiming.MaxAge.TotalDays:0} days) when first relayed; bill it another way.", cancellationToken).ConfigureAwait(false);
            return RowResult.TooOld;
        }

        if (timing.Kind == MeterEventTimingKind.NotYet)
        {
            await DeferAsync(row.UnitId, 0, timing.SendFrom, "The usage's time is ahead of this server's clock.", cancellationToken).ConfigureAwait(false);
            return RowResult.Deferred;
        }

        string customerId;
        try
        {
            customerId = await customers.EnsureAsync(row.CustomerId, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is Stripe.StripeException || StripeGateway.IsNetworkFailure(e, cancellationToken))
        {
            logger.LogWarning(e, "Usage relay: no Stripe customer for account {UserId}; the run stops", row.CustomerId);
            var wait = RetryBackoff.Delay(row.Attempts + 1, policy);
            await DeferAsync(row.UnitId, 1, clock.GetUtcNow() + wait, $"Could not provision the Stripe customer: {e.Message}", cancellationToken).ConfigureAwait(false);
            return RowResult.Deferred;
        }

        for (var attempt = 1; ; attempt++)
        {
            var answer = await gateway.SendUsageAsync(row.UnitId, customerId, row.AmountCents, row.CreatedAt, cancellationToken).ConfigureAwait(false);
            switch (answer.Outcome)
            {
                case MeterEventOutcome.Accepted or MeterEventOutcome.AlreadySent:
                    await MarkAsync(row.UnitId, UsageRelayState.Sent, attempt, clock.GetUtcNow(), null, cancellationToken).ConfigureAwait(false);
                    return answer.Outcome == MeterEventOutcome.AlreadySent ? RowResult.AlreadySent : RowResult.Sent;
                case MeterEventOutcome.Rejected:
                    logger.LogError("Stripe refused usage {UnitId}: {Reason}", row.UnitId, answer.Reason);
                    await MarkAsync(row.UnitId, UsageRelayState.Rejected, attempt, null, answer.Reason, cancellationToken).ConfigureAwait(false);
                    return RowResult.Rejected;
            }

            var wait = RetryBackoff.Delay(row.Attempts + attempt, policy, answer.RetryAfter);
            if (attempt >= policy.AttemptsPerRun || wait > MaxWaitInRun)
            {
                logger.LogWarning("Usage {UnitId} waits {Wait} after {Attempts} failed attempts: {Reason}", row.UnitId, wait, row.Attempts + attempt, answer.Reason);
                await DeferAsync(row.UnitId, attempt, clock.GetUtcNow() + wait, answer.Reason, cancellationToken).ConfigureAwait(false);
                return RowResult.Deferred;
            }

            await Task.Delay(wait, clock, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<List<DueRow>> DueRowsAsync(int batchSize, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            """
            SELECT "UnitId", "CustomerId", "AmountCents", "CreatedAt", "StripeAttempts" FROM compute_usage
            WHERE "StripeState" = 'Pending' AND ("StripeNextAttemptAt" IS NULL OR "StripeNextAttemptAt" <= $1)
            ORDER BY "UnitId" LIMIT $2
            """);
        command.Parameters.Add(new() { Value = clock.GetUtcNow() });
        command.Parameters.Add(new() { Value = batchSize });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var rows = new List<DueRow>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            rows.Add(new DueRow(reader.GetInt64(0), reader.GetGuid(1), reader.GetInt64(2), reader.GetFieldValue<DateTimeOffset>(3), reader.GetInt32(4)));
        }

        return rows;
    }

    private Task MarkAsync(long unitId, UsageRelayState state, int attempts, DateTimeOffset? sentAt, string? error, CancellationToken cancellationToken) =>
        UpdateAsync(unitId, state, attempts, null, sentAt, error, cancellationToken);

    private Task DeferAsync(long unitId, int attempts, DateTimeOffset nextAttemptAt, string? error, CancellationToken cancellationToken) =>
        UpdateAsync(unitId, UsageRelayState.Pending, attempts, nextAttemptAt, null, error, cancellationToken);

    private async Task UpdateAsync(long unitId, UsageRelayState state, int attempts, DateTimeOffset? nextAttemptAt, DateTimeOffset? sentAt,
        string? error, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            """
            UPDATE compute_usage SET "StripeState" = $2, "StripeAttempts" = "StripeAttempts" + $3, "StripeNextAttemptAt" = $4,
                   "StripeSentAt" = $5, "StripeError" = $6
            WHERE "UnitId" = $1 AND "StripeState" = 'Pending'
            """);
        command.Parameters.Add(new() { Value = unitId });
        command.Parameters.Add(new() { Value = state.ToString() });
        command.Parameters.Add(new() { Value = attempts });
        command.Parameters.Add(new() { Value = (object?)nextAttemptAt ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.TimestampTz });
        command.Parameters.Add(new() { Value = (object?)sentAt ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.TimestampTz });
        command.Parameters.Add(new() { Value = (object?)Truncate(error) ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static string? Truncate(string? text) =>
        text is { Length: > BillingModel.MaxErrorLength } ? text[..BillingModel.MaxErrorLength] : text;
}

/// <summary>The recurring Hangfire job around <see cref="RelayUsage"/>.</summary>
internal sealed class UsageRelayJob(RelayUsage relay)
{
    public const string RecurringJobId = "stripe-usage-relay";

    public Task RunAsync(CancellationToken cancellationToken) => relay.RunAsync(cancellationToken);
}
