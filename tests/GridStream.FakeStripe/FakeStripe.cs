using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Stripe;

namespace GridStream.Testing;

/// <summary>
/// A small stateful Stripe on a loopback port for tests: a real Stripe.net <see cref="StripeClient"/> pointed at
/// <see cref="BaseUrl"/> works against it unchanged, and it refuses what Stripe refuses. Test controls are plain
/// methods; what it received is visible for assertions.
/// </summary>
public sealed class FakeStripe : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly StripeState _state;
    private readonly StripeHttpHandler _handler;
    private readonly HashSet<FakeMeterEvent> _billed = [];

    private FakeStripe(WebApplication app, StripeState state, StripeHttpHandler handler, FakeStripeOptions options,
        FaultInjector faults, WebhookSender webhooks)
    {
        _app = app;
        _state = state;
        _handler = handler;
        ApiKey = options.ApiKey;
        WebhookSecret = options.WebhookSecret;
        Faults = faults;
        Webhooks = webhooks;
    }

    /// <summary>"http://127.0.0.1:PORT": use it as StripeClientOptions.ApiBase and MeterEventsBase.</summary>
    public string BaseUrl => _handler.BaseUrl;

    public string ApiKey { get; }
    public string WebhookSecret { get; }
    public FaultInjector Faults { get; }
    public WebhookSender Webhooks { get; }

    public static async Task<FakeStripe> StartAsync(FakeStripeOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        options ??= new FakeStripeOptions();
        var state = new StripeState(options.TimeProvider);
        state.AddAvailable("usd", options.InitialAvailableBalance);
        var router = new Router();
        CustomersApi.Register(router);
        MetersApi.Register(router);
        MeterEventSummariesApi.Register(router);
        MeterEventsApi.Register(router);
        PricesApi.Register(router);
        SubscriptionsApi.Register(router);
        AccountsApi.Register(router);
        TransfersApi.Register(router);
        BalanceApi.Register(router);
        InvoicesApi.Register(router);
        EventsApi.Register(router);

        var faults = new FaultInjector();
        var webhooks = new WebhookSender(options.WebhookSecret, options.TimeProvider, () => Snapshot(state, s => s.Events));
        if (options.WebhookEndpoint is not null)
        {
            webhooks.DeliverTo(options.WebhookEndpoint);
        }

        var handler = new StripeHttpHandler(state, router, new Idempotency(), faults, webhooks, options);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        app.Run(handler.HandleAsync);
        await app.StartAsync(cancellationToken).ConfigureAwait(false);

        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!
            .Addresses.Single();
        handler.BaseUrl = new Uri(address).GetLeftPart(UriPartial.Authority);
        return new FakeStripe(app, state, handler, options, faults, webhooks);
    }

    /// <summary>A real Stripe.net client aimed at this fake; <paramref name="maxNetworkRetries"/> as in Stripe.net.</summary>
    public StripeClient CreateClient(int maxNetworkRetries = 0, HttpClient? httpClient = null) =>
        new(new StripeClientOptions
        {
            ApiKey = ApiKey,
            ApiBase = BaseUrl,
            MeterEventsBase = BaseUrl,
            FilesBase = BaseUrl,
            ConnectBase = BaseUrl,
            HttpClient = new SystemNetHttpClient(httpClient ?? new HttpClient(), maxNetworkRetries),
        });

    public void AddAvailableBalance(long cents, string currency = "usd")
    {
        lock (_state.Gate)
        {
            _state.AddAvailable(currency, cents);
        }
    }

    public long AvailableBalance(string currency = "usd")
    {
        lock (_state.Gate)
        {
            return _state.AvailableIn(currency);
        }
    }

    public IReadOnlyList<RecordedRequest> Requests => Snapshot(_state, s => s.Requests);
    public IReadOnlyList<FakeMeterEvent> MeterEvents => Snapshot(_state, s => s.MeterEvents);
    public IReadOnlyList<FakeEvent> Events => Snapshot(_state, s => s.Events);
    public IReadOnlyList<FakeTransfer> Transfers => Snapshot(_state, s => s.Transfers.Values);
    public IReadOnlyList<FakeCustomer> Customers => Snapshot(_state, s => s.Customers.Values);
    public IReadOnlyList<FakeAccount> Accounts => Snapshot(_state, s => s.Accounts.Values);
    public IReadOnlyList<FakeInvoice> Invoices => Snapshot(_state, s => s.Invoices.Values);
    public IReadOnlyList<FakeSubscription> Subscriptions => Snapshot(_state, s => s.Subscriptions.Values);

    /// <summary>
    /// Ends the billing period of the customer's subscriptions now: one invoice per subscription for the meter
    /// events received since the last close × the price's unit amount, then invoice.paid (or
    /// invoice.payment_failed when <paramref name="paymentFails"/>).
    /// </summary>
    public IReadOnlyList<FakeInvoice> CloseBillingPeriod(string customerId, bool paymentFails = false) =>
        Control(() => InvoicesApi.ClosePeriod(_state, customerId, paymentFails, _billed));

    /// <summary>A later successful attempt on an open invoice: invoice.paid.</summary>
    public FakeInvoice PayInvoice(string invoiceId) =>
        Control(() => InvoicesApi.Pay(_state, invoiceId));

    /// <summary>The owner finished onboarding: payouts enabled, capabilities active, account.updated raised.</summary>
    public FakeAccount EnablePayouts(string accountId) =>
        Control(() => AccountsApi.CompleteOnboarding(_state, accountId));

    /// <summary>The transfer failed at the bank: reversed in full, money back to the platform, transfer.reversed.</summary>
    public FakeTransfer FailTransfer(string transferId) => Control(() =>
    {
        var reversal = TransfersApi.Reverse(_state, transferId, amount: null,
            new Dictionary<string, string>(), requestId: null, idempotencyKey: null);
        return TransfersApi.Find(_state, reversal.TransferId);
    });

    private T Control<T>(Func<T> change)
    {
        T result;
        lock (_state.Gate)
        {
            try
            {
                result = change();
            }
            catch (StripeApiError error)
            {
                throw new InvalidOperationException(error.Message, error);
            }
        }

        _handler.DeliverRaisedEvents();
        return result;
    }

    private static IReadOnlyList<T> Snapshot<T>(StripeState state, Func<StripeState, IEnumerable<T>> select)
    {
        lock (state.Gate)
        {
            return [.. select(state)];
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Webhooks.DisposeAsync().ConfigureAwait(false);
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }
}
