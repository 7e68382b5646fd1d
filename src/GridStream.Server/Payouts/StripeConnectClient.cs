using GridStream.Domain.Payouts;
using GridStream.Server.Billing;
using Microsoft.Extensions.Options;
using Stripe;

namespace GridStream.Server.Payouts;

/// <summary>
/// Stripe Connect calls: connected accounts, onboarding links and transfers. Unlike <see cref="StripeGateway"/>, whose
/// callers schedule their own retries, this client lets Stripe.net retry 429s, 5xx and lost responses at once under
/// the same Idempotency-Key: a payout run should finish its transfers, and a replayed key answers with the transfer
/// Stripe already made.
/// </summary>
public sealed class StripeConnectClient : IDisposable
{
    private const int ListPageSize = 100;

    private readonly HttpClient? _http;
    private readonly StripeClient? _client;

    public StripeConnectClient(IOptions<StripeOptions> stripeOptions, IOptions<StripeConnectOptions> connectOptions)
    {
        var options = stripeOptions.Value;
        if (!options.IsConfigured)
        {
            return;
        }

        _http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        var clientOptions = new StripeClientOptions
        {
            ApiKey = options.SecretKey,
            HttpClient = new SystemNetHttpClient(_http, maxNetworkRetries: connectOptions.Value.MaxNetworkRetries),
        };
        if (options.ApiBase?.TrimEnd('/') is { } apiBase)
        {
            clientOptions.ApiBase = apiBase;
            clientOptions.ConnectBase = apiBase;
        }

        _client = new StripeClient(clientOptions);
    }

    /// <summary>False: offline mode (no GridStream:Stripe:SecretKey).</summary>
    public bool IsConfigured => _client is not null;

    private StripeClient Client => _client ?? throw new InvalidOperationException("Stripe is not configured (GridStream:Stripe:SecretKey).");

    /// <summary>The owner's Express account with the transfers capability requested; the same one however often asked.</summary>
    public Task<Account> CreateAccountAsync(Guid ownerId, string? email, CancellationToken cancellationToken) =>
        Client.V1.Accounts.CreateAsync(new AccountCreateOptions
        {
            Type = "express",
            Email = email,
            Capabilities = new AccountCapabilitiesOptions { Transfers = new AccountCapabilitiesTransfersOptions { Requested = true } },
            Metadata = new Dictionary<string, string> { ["gridstream_owner_id"] = ownerId.ToString("D") },
        }, new RequestOptions { IdempotencyKey = ConnectKeys.AccountIdempotencyKey(ownerId) }, cancellationToken);

    /// <summary>A fresh single-use onboarding link (each one expires within minutes, so none is stored).</summary>
    public Task<AccountLink> CreateOnboardingLinkAsync(string accountId, string returnUrl, string refreshUrl, CancellationToken cancellationToken) =>
        Client.V1.AccountLinks.CreateAsync(new AccountLinkCreateOptions
        {
            Account = accountId,
            Type = "account_onboarding",
            ReturnUrl = returnUrl,
            RefreshUrl = refreshUrl,
        }, cancellationToken: cancellationToken);

    /// <summary>The payout's transfer: transfer group and metadata name the payout, the key is the payout's own.</summary>
    public Task<Transfer> CreateTransferAsync(PayoutOrder payout, string destination, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(payout);
        return Client.V1.Transfers.CreateAsync(new TransferCreateOptions
        {
            Amount = payout.Cents,
            Currency = "usd",
            Destination = destination,
            TransferGroup = payout.PayoutId.ToString("D"),
            Description = $"GridStream payout {payout.PayoutId:D}",
            Metadata = new Dictionary<string, string>
            {
                ["gridstream_payout_id"] = payout.PayoutId.ToString("D"),
                ["gridstream_owner_id"] = payout.OwnerId.ToString("D"),
            },
        }, new RequestOptions { IdempotencyKey = payout.IdempotencyKey }, cancellationToken);
    }

    /// <summary>The transfers already made for a payout (normally none or one).</summary>
    public async Task<IReadOnlyList<Transfer>> TransfersOfAsync(Guid payoutId, CancellationToken cancellationToken)
    {
        var page = await Client.V1.Transfers.ListAsync(
            new TransferListOptions { TransferGroup = payoutId.ToString("D"), Limit = ListPageSize }, cancellationToken: cancellationToken).ConfigureAwait(false);
        return page.Data;
    }

    /// <summary>Every transfer of the platform, page by page (newest first).</summary>
    public async Task<IReadOnlyList<Transfer>> AllTransfersAsync(CancellationToken cancellationToken)
    {
        var all = new List<Transfer>();
        await foreach (var transfer in Client.V1.Transfers.ListAutoPagingAsync(new TransferListOptions { Limit = ListPageSize },
            cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            all.Add(transfer);
        }

        return all;
    }

    public void Dispose() => _http?.Dispose();
}
