using System.Net;
using GridStream.Domain.Billing;
using Microsoft.Extensions.Options;
using Stripe;
using Stripe.Billing;

namespace GridStream.Server.Billing;

/// <summary>
/// The one way to Stripe (DESIGN §3). Every call that creates something carries an Idempotency-Key derived from our
/// own ids (<see cref="StripeKeys"/>), and Stripe.net's own retries are off: what is retried, and when, is the
/// callers' decision (the relay's backoff, Hangfire's retries), so a retry never gets a new key.
/// </summary>
public sealed partial class StripeGateway : IDisposable
{
    private static readonly TimeSpan ReachabilityCacheTime = TimeSpan.FromSeconds(30);

    private readonly StripeOptions _options;
    private readonly HttpClient? _http;
    private readonly StripeClient? _client;
    private readonly StripeClient? _connectClient;
    private readonly TimeProvider _clock;
    private Reachability? _lastReachability;
    private string? _meterId;

    public StripeGateway(IOptions<StripeOptions> options, IOptions<StripeConnectOptions> connectOptions, TimeProvider clock)
    {
        _options = options.Value;
        _clock = clock;
        if (!_options.IsConfigured)
        {
            return;
        }

        _http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        _client = CreateClient(_options, _http, maxNetworkRetries: 0);
        _connectClient = CreateClient(_options, _http, connectOptions.Value.MaxNetworkRetries);
    }

    private static StripeClient CreateClient(StripeOptions options, HttpClient http, int maxNetworkRetries)
    {
        var clientOptions = new StripeClientOptions
        {
            ApiKey = options.SecretKey,
            HttpClient = new SystemNetHttpClient(http, maxNetworkRetries),
        };
        if (options.ApiBase?.TrimEnd('/') is { } apiBase)
        {
            // One base for everything: a test Stripe (or a proxy) serves the meter events and Connect APIs too.
            clientOptions.ApiBase = apiBase;
            clientOptions.MeterEventsBase = apiBase;
            clientOptions.ConnectBase = apiBase;
            clientOptions.FilesBase = apiBase;
        }

        return new StripeClient(clientOptions);
    }

    /// <summary>False: offline mode (no secret key). Usage waits in the outbox; nothing is sent.</summary>
    public bool IsConfigured => _client is not null;

    public string MeterEventName => _options.MeterEventName;

    private StripeClient Client => _client ?? throw new InvalidOperationException("Stripe is not configured (GridStream:Stripe:SecretKey).");

    private StripeClient ConnectClient => _connectClient ?? throw new InvalidOperationException("Stripe is not configured (GridStream:Stripe:SecretKey).");

    /// <summary>Creates (or, for the same account, finds again) the account's Stripe customer; returns its id.</summary>
    public async Task<string> CreateCustomerAsync(Guid userId, string? email, CancellationToken cancellationToken)
    {
        var customer = await Client.V1.Customers.CreateAsync(new CustomerCreateOptions
        {
            Email = email,
            Metadata = new Dictionary<string, string> { ["gridstream_user_id"] = userId.ToString("D") },
        }, new RequestOptions { IdempotencyKey = StripeKeys.CustomerIdempotencyKey(userId) }, cancellationToken).ConfigureAwait(false);
        return customer.Id;
    }

    /// <summary>Subscribes the customer to the metered price; returns the subscription's id.</summary>
    public async Task<string> CreateSubscriptionAsync(Guid userId, string customerId, CancellationToken cancellationToken)
    {
        var subscription = await Client.V1.Subscriptions.CreateAsync(new SubscriptionCreateOptions
        {
            Customer = customerId,
            Items = [new SubscriptionItemOptions { Price = _options.PriceId }],
            Metadata = new Dictionary<string, string> { ["gridstream_user_id"] = userId.ToString("D") },
        }, new RequestOptions { IdempotencyKey = StripeKeys.SubscriptionIdempotencyKey(userId) }, cancellationToken).ConfigureAwait(false);
        return subscription.Id;
    }

    /// <summary>
    /// Sends one usage row as a meter event (identifier = the usage id, value = cents) and says what the answer means.
    /// Never throws for Stripe's or the network's failures: they are answers too.
    /// </summary>
    public async Task<MeterEventAnswer> SendUsageAsync(long usageId, string customerId, long cents, DateTimeOffset timestamp,
        CancellationToken cancellationToken)
    {
        var options = new MeterEventCreateOptions
        {
            EventName = _options.MeterEventName,
            Identifier = StripeKeys.UsageIdentifier(usageId),
            Timestamp = timestamp.UtcDateTime,
            Payload = new Dictionary<string, string>
            {
                ["stripe_customer_id"] = customerId,
                ["value"] = cents.ToString(System.Globalization.CultureInfo.InvariantCulture),
            },
        };
        try
        {
            await Client.V1.Billing.MeterEvents.CreateAsync(options,
                new RequestOptions { IdempotencyKey = StripeKeys.UsageIdempotencyKey(usageId) }, cancellationToken).ConfigureAwait(false);
            return MeterEventAnswer.Classify((int)HttpStatusCode.OK);
        }
        catch (StripeException e)
        {
            return e.HttpStatusCode == 0
                ? MeterEventAnswer.Classify(null, message: e.Message)
                : MeterEventAnswer.Classify((int)e.HttpStatusCode, e.StripeError?.Code, e.StripeError?.Param, e.StripeError?.Message ?? e.Message,
                    e.StripeResponse?.Headers?.RetryAfter?.Delta);
        }
        catch (Exception e) when (IsNetworkFailure(e, cancellationToken))
        {
            return MeterEventAnswer.Classify(null, message: e.Message);
        }
    }

    /// <summary>The id of the active meter for <see cref="MeterEventName"/>, or null when Stripe has none.</summary>
    public async Task<string?> FindMeterIdAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _meterId) is { } known)
        {
            return known;
        }

        var options = new MeterListOptions { Status = "active", Limit = 100 };
        await foreach (var meter in Client.V1.Billing.Meters.ListAutoPagingAsync(options, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (meter.EventName == _options.MeterEventName)
            {
                Volatile.Write(ref _meterId, meter.Id);
                return meter.Id;
            }
        }

        return null;
    }

    /// <summary>
    /// What Stripe's meter holds for the customer over [start, end) (minute-aligned), in cents: the sum of its meter
    /// event summaries. Throws <see cref="StripeException"/> or a network failure when Stripe does not answer.
    /// </summary>
    public async Task<long> MeteredCentsAsync(string meterId, string customerId, DateTimeOffset start, DateTimeOffset end,
        CancellationToken cancellationToken)
    {
        var options = new MeterEventSummaryListOptions { Customer = customerId, StartTime = start.UtcDateTime, EndTime = end.UtcDateTime, Limit = 100 };
        var total = 0L;
        await foreach (var summary in Client.V1.Billing.Meters.EventSummaries.ListAutoPagingAsync(meterId, options, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            // The meter's values are whole cents (the relay sends integers), so the aggregate is whole too.
            total = checked(total + (long)summary.AggregatedValue);
        }

        return total;
    }

    /// <summary>Null when Stripe answers (a cheap authenticated read), else why not. Remembered for 30 s.</summary>
    public async Task<string?> ReachabilityProblemAsync(CancellationToken cancellationToken)
    {
        var now = _clock.GetUtcNow();
        if (Volatile.Read(ref _lastReachability) is { } last && now - last.At < ReachabilityCacheTime)
        {
            return last.Problem;
        }

        string? problem = null;
        try
        {
            await Client.V1.Balance.GetAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (StripeException e)
        {
            problem = $"Stripe answered {(int)e.HttpStatusCode}: {e.StripeError?.Message ?? e.Message}";
        }
        catch (Exception e) when (IsNetworkFailure(e, cancellationToken))
        {
            problem = $"Stripe does not answer: {e.Message}";
        }

        Volatile.Write(ref _lastReachability, new Reachability(now, problem));
        return problem;
    }

    /// <summary>One object, so that concurrent health checks never read a time of one answer with another's problem.</summary>
    private sealed record Reachability(DateTimeOffset At, string? Problem);

    /// <summary>A broken connection or a timeout (not our own cancellation).</summary>
    public static bool IsNetworkFailure(Exception e, CancellationToken cancellationToken) =>
        e is HttpRequestException or IOException || (e is TaskCanceledException && !cancellationToken.IsCancellationRequested);

    public void Dispose() => _http?.Dispose();
}
