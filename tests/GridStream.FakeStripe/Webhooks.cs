using System.Text;
using System.Threading.Channels;
using Stripe;

namespace GridStream.Testing;

/// <summary>One POST of an event to the webhook endpoint.</summary>
public sealed record WebhookDelivery(string EventId, string EventType, int Attempt, long SignedAt, int? StatusCode,
    string? Error)
{
    public bool Succeeded => StatusCode is >= 200 and < 300;
}

/// <summary>
/// Sends events to the configured endpoint in the background, signed the way Stripe signs them
/// (<see cref="EventUtility.GenerateSignatureHeader"/>), retrying a non-2xx answer a few times. Tests can ask for
/// each event twice, for stale signatures, or hold events and release them newest first.
/// </summary>
public sealed class WebhookSender : IAsyncDisposable
{
    private readonly string _secret;
    private readonly TimeProvider _clock;
    private readonly Func<IReadOnlyList<FakeEvent>> _allEvents;
    private readonly Channel<FakeEvent> _queue = Channel.CreateUnbounded<FakeEvent>();
    private readonly Lock _gate = new();
    private readonly List<WebhookDelivery> _deliveries = [];
    private readonly List<FakeEvent> _held = [];
    private readonly HttpClient _ownClient = new() { Timeout = TimeSpan.FromSeconds(30) };
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _loop;
    private HttpClient? _client;
    private Uri? _endpoint;
    private int _inFlight;
    private bool _holding;

    internal WebhookSender(string secret, TimeProvider clock, Func<IReadOnlyList<FakeEvent>> allEvents)
    {
        _secret = secret;
        _clock = clock;
        _allEvents = allEvents;
        _loop = Task.Run(DeliverLoopAsync);
    }

    /// <summary>Attempts per delivery before giving up (Stripe keeps trying for days; tests need a few).</summary>
    public int MaxAttempts { get; set; } = 4;

    /// <summary>Wait before the n-th retry is n times this.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Send every event twice, as Stripe may.</summary>
    public bool DeliverEachTwice { get; set; }

    /// <summary>Sign with a timestamp this far in the past (e.g. 10 minutes: beyond the default 300 s tolerance).</summary>
    public TimeSpan? SignatureAge { get; set; }

    /// <summary>Sign with a secret other than the endpoint's, as a forger would.</summary>
    public bool ForgeSignatures { get; set; }

    public IReadOnlyList<WebhookDelivery> Deliveries
    {
        get
        {
            lock (_gate)
            {
                return [.. _deliveries];
            }
        }
    }

    /// <summary>
    /// Where events go: an absolute URL, or a path relative to <paramref name="client"/>'s BaseAddress (e.g. the
    /// client of a WebApplicationFactory, whose in-memory server no socket can reach). Events raised before an
    /// endpoint is set are not sent; <see cref="ResendAsync"/> sends them.
    /// </summary>
    public void DeliverTo(Uri endpoint, HttpClient? client = null)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        if (!endpoint.IsAbsoluteUri && client?.BaseAddress is null)
        {
            throw new ArgumentException("A relative endpoint needs an HttpClient with a BaseAddress.", nameof(endpoint));
        }

        lock (_gate)
        {
            _endpoint = endpoint;
            _client = client;
        }
    }

    /// <summary>Keep new events back until <see cref="Release"/>, to deliver them out of order.</summary>
    public void Hold()
    {
        lock (_gate)
        {
            _holding = true;
        }
    }

    /// <summary>Sends the held events, newest first unless <paramref name="newestFirst"/> is false, and stops holding.</summary>
    public void Release(bool newestFirst = true)
    {
        List<FakeEvent> held;
        lock (_gate)
        {
            _holding = false;
            held = [.. _held];
            _held.Clear();
        }

        if (newestFirst)
        {
            held.Reverse();
        }

        foreach (var raised in held)
        {
            Send(raised);
        }
    }

    /// <summary>Sends a past event again, as the Dashboard's "resend" does.</summary>
    public void Resend(string eventId)
    {
        var raised = _allEvents().FirstOrDefault(e => e.Id == eventId)
            ?? throw new ArgumentException($"No event {eventId} was raised.", nameof(eventId));
        Send(raised);
    }

    /// <summary>Completes when every queued delivery (with its retries) is done; held events do not count.</summary>
    public async Task WaitUntilIdleAsync(TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(60));
        while (Volatile.Read(ref _inFlight) > 0)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{Volatile.Read(ref _inFlight)} webhook deliveries still in flight.");
            }

            await Task.Delay(10, cancellationToken).ConfigureAwait(false);
        }
    }

    internal void Enqueue(IEnumerable<FakeEvent> raised)
    {
        foreach (var one in raised)
        {
            lock (_gate)
            {
                if (_endpoint is null)
                {
                    continue;
                }

                if (_holding)
                {
                    _held.Add(one);
                    continue;
                }
            }

            Send(one);
        }
    }

    private void Send(FakeEvent raised)
    {
        var copies = DeliverEachTwice ? 2 : 1;
        for (var i = 0; i < copies; i++)
        {
            Interlocked.Increment(ref _inFlight);
            _queue.Writer.TryWrite(raised);
        }
    }

    private async Task DeliverLoopAsync()
    {
        try
        {
            await foreach (var raised in _queue.Reader.ReadAllAsync(_stopping.Token).ConfigureAwait(false))
            {
                try
                {
                    await DeliverAsync(raised).ConfigureAwait(false);
                }
                finally
                {
                    Interlocked.Decrement(ref _inFlight);
                }
            }
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
        }
    }

    private async Task DeliverAsync(FakeEvent raised)
    {
        HttpClient client;
        Uri endpoint;
        lock (_gate)
        {
            if (_endpoint is null)
            {
                return;
            }

            endpoint = _endpoint;
            client = _client ?? _ownClient;
        }

        for (var attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            var signedAt = (_clock.GetUtcNow() - (SignatureAge ?? TimeSpan.Zero)).ToUnixTimeSeconds();
            var secret = ForgeSignatures ? "whsec_forged_" + _secret : _secret;
            var header = EventUtility.GenerateSignatureHeader(raised.Json, secret, signedAt);
            int? status = null;
            string? error = null;
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, endpoint)
                {
                    Content = new StringContent(raised.Json, Encoding.UTF8, "application/json"),
                };
                request.Headers.TryAddWithoutValidation("Stripe-Signature", header);
                request.Headers.TryAddWithoutValidation("User-Agent", "Stripe/1.0 (+https://stripe.com/docs/webhooks)");
                using var response = await client.SendAsync(request, _stopping.Token).ConfigureAwait(false);
                status = (int)response.StatusCode;
            }
            catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
            {
                if (_stopping.IsCancellationRequested)
                {
                    return; // shutting down: the receiver may be gone already, and nobody waits for this delivery
                }

                error = exception.Message;
            }

            var delivery = new WebhookDelivery(raised.Id, raised.Type, attempt, signedAt, status, error);
            lock (_gate)
            {
                _deliveries.Add(delivery);
            }

            if (delivery.Succeeded)
            {
                return;
            }

            if (attempt < MaxAttempts)
            {
                await Task.Delay(RetryDelay * attempt, _stopping.Token).ConfigureAwait(false);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _stopping.CancelAsync().ConfigureAwait(false);
        try
        {
            await _loop.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }

        _stopping.Dispose();
        _ownClient.Dispose();
    }
}
