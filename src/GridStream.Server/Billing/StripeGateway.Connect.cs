using GridStream.Domain.Payouts;
using GridStream.Server.Payouts;
using Stripe;

namespace GridStream.Server.Billing;

/// <summary>
/// Stripe Connect calls: connected accounts, onboarding links and transfers. Unlike the billing calls, these let
/// Stripe.net retry 429s, 5xx and lost responses at once under the same Idempotency-Key
/// (GridStream:Stripe:Connect:MaxNetworkRetries): a payout run should finish its transfers, and a replayed key answers
/// with the transfer Stripe already made.
/// </summary>
public sealed partial class StripeGateway
{
    private const int ListPageSize = 100;

    /// <summary>The owner's Express account with the transfers capability requested; the same one however often asked.</summary>
    public Task<Account> CreateAccountAsync(Guid ownerId, string? email, CancellationToken cancellationToken) =>
        ConnectClient.V1.Accounts.CreateAsync(new AccountCreateOptions
        {
            Type = "express",
            Email = email,
            Capabilities = new AccountCapabilitiesOptions { Transfers = new AccountCapabilitiesTransfersOptions { Requested = true } },
            Metadata = new Dictionary<string, string> { ["gridstream_owner_id"] = ownerId.ToString("D") },
        }, new RequestOptions { IdempotencyKey = ConnectKeys.AccountIdempotencyKey(ownerId) }, cancellationToken);

    /// <summary>A fresh single-use onboarding link (each one expires within minutes, so none is stored).</summary>
    public Task<AccountLink> CreateOnboardingLinkAsync(string accountId, string returnUrl, string refreshUrl, CancellationToken cancellationToken) =>
        ConnectClient.V1.AccountLinks.CreateAsync(new AccountLinkCreateOptions
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
        return ConnectClient.V1.Transfers.CreateAsync(new TransferCreateOptions
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
        var page = await ConnectClient.V1.Transfers.ListAsync(
            new TransferListOptions { TransferGroup = payoutId.ToString("D"), Limit = ListPageSize }, cancellationToken: cancellationToken).ConfigureAwait(false);
        return page.Data;
    }

    /// <summary>Every transfer of the platform, page by page (newest first).</summary>
    public async Task<IReadOnlyList<Transfer>> AllTransfersAsync(CancellationToken cancellationToken)
    {
        var all = new List<Transfer>();
        await foreach (var transfer in ConnectClient.V1.Transfers.ListAutoPagingAsync(new TransferListOptions { Limit = ListPageSize },
            cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            all.Add(transfer);
        }

        return all;
    }
}
