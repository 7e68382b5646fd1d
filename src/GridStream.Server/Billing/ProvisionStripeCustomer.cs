using System.Collections.Concurrent;
using Hangfire;
using Npgsql;

namespace GridStream.Server.Billing;

/// <summary>
/// Gives a compute customer its Stripe customer and its subscription to the metered price, once. Each step is stored
/// as soon as Stripe answers, and each carries an Idempotency-Key derived from the account id, so a retry (Hangfire's,
/// the relay's, another node's) repeats only what is missing and Stripe makes one object of repeated requests.
/// </summary>
internal sealed class ProvisionStripeCustomer(NpgsqlDataSource dataSource, StripeGateway gateway, IBackgroundJobClient jobs,
    ILogger<ProvisionStripeCustomer> logger)
{
    /// <summary>Accounts known to be provisioned, so that every job submission doesn't ask the database.</summary>
    private readonly ConcurrentDictionary<Guid, string> _provisioned = new();

    /// <summary>
    /// Called when a customer creates an API key or submits a job: queues the provisioning unless it is done. Never
    /// fails the caller's request; offline (Stripe not configured) it does nothing, and the relay provisions later.
    /// </summary>
    public async Task RequestAsync(Guid userId, CancellationToken cancellationToken)
    {
        if (!gateway.IsConfigured || _provisioned.ContainsKey(userId))
        {
            return;
        }

        try
        {
            var stored = await FindAsync(userId, cancellationToken).ConfigureAwait(false);
            if (stored is { SubscriptionId: not null })
            {
                _provisioned[userId] = stored.CustomerId;
                return;
            }

            jobs.Enqueue<ProvisionStripeCustomerJob>(job => job.RunAsync(userId, CancellationToken.None));
        }
        catch (Exception e) when (e is NpgsqlException or InvalidOperationException)
        {
            // What the caller did is already stored; the relay provisions the customer before its first meter event.
            logger.LogWarning(e, "Could not queue the Stripe customer of account {UserId}", userId);
        }
    }

    /// <summary>The account's Stripe customer id, created with its subscription first when missing.</summary>
    public async Task<string> EnsureAsync(Guid userId, CancellationToken cancellationToken)
    {
        if (_provisioned.TryGetValue(userId, out var known))
        {
            return known;
        }

        var stored = await FindAsync(userId, cancellationToken).ConfigureAwait(false);
        var customerId = stored?.CustomerId;
        if (customerId is null)
        {
            var email = await EmailOfAsync(userId, cancellationToken).ConfigureAwait(false);
            var created = await gateway.CreateCustomerAsync(userId, email, cancellationToken).ConfigureAwait(false);
            customerId = await StoreCustomerAsync(userId, created, cancellationToken).ConfigureAwait(false);
            logger.LogInformation("Stripe customer {CustomerId} for account {UserId}", customerId, userId);
        }

        if (stored?.SubscriptionId is null)
        {
            var subscription = await gateway.CreateSubscriptionAsync(userId, customerId, cancellationToken).ConfigureAwait(false);
            await using var update = dataSource.CreateCommand(
                """UPDATE stripe_customers SET "SubscriptionId" = $2 WHERE "UserId" = $1 AND "SubscriptionId" IS NULL""");
            update.Parameters.Add(new() { Value = userId });
            update.Parameters.Add(new() { Value = subscription });
            await update.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        _provisioned[userId] = customerId;
        return customerId;
    }

    private sealed record Stored(string CustomerId, string? SubscriptionId);

    private async Task<Stored?> FindAsync(Guid userId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            """SELECT "CustomerId", "SubscriptionId" FROM stripe_customers WHERE "UserId" = $1""");
        command.Parameters.Add(new() { Value = userId });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false)
            ? new Stored(reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1))
            : null;
    }

    /// <summary>Stores the customer unless a racing provisioning stored one first; returns the stored one.</summary>
    private async Task<string> StoreCustomerAsync(Guid userId, string customerId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            """
            WITH inserted AS (
              INSERT INTO stripe_customers ("UserId", "CustomerId") VALUES ($1, $2) ON CONFLICT ("UserId") DO NOTHING
              RETURNING "CustomerId")
            SELECT "CustomerId" FROM inserted
            UNION ALL SELECT "CustomerId" FROM stripe_customers WHERE "UserId" = $1
            LIMIT 1
            """);
        command.Parameters.Add(new() { Value = userId });
        command.Parameters.Add(new() { Value = customerId });
        return (string)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
    }

    private async Task<string?> EmailOfAsync(Guid userId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""SELECT "Email" FROM "AspNetUsers" WHERE "Id" = $1""");
        command.Parameters.Add(new() { Value = userId });
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) as string;
    }
}

/// <summary>The Hangfire job around <see cref="ProvisionStripeCustomer.EnsureAsync"/>; Hangfire retries it when Stripe fails.</summary>
internal sealed class ProvisionStripeCustomerJob(ProvisionStripeCustomer provision, StripeGateway gateway)
{
    /// <summary>Hangfire's default first retry comes after 15–45 s; a customer waiting for its subscription should not.</summary>
    [AutomaticRetry(Attempts = 10, DelaysInSeconds = [1, 5, 15, 30, 60, 300, 900, 1800, 3600, 3600])]
    public async Task RunAsync(Guid userId, CancellationToken cancellationToken)
    {
        if (gateway.IsConfigured)
        {
            await provision.EnsureAsync(userId, cancellationToken).ConfigureAwait(false);
        }
    }
}
