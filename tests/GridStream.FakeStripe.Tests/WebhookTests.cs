using Stripe;

namespace GridStream.Testing.FakeStripeTests;

public sealed class WebhookTests : FakeStripeTestBase
{
    private Account _account = null!;

    /// <summary>The account is onboarded before the endpoint is set, so its account.updated is not delivered.</summary>
    private async Task<WebhookReceiver> ReceiverAsync()
    {
        _account = await OnboardedAccountAsync();
        var receiver = await WebhookReceiver.StartAsync();
        Stripe.Webhooks.DeliverTo(receiver.Endpoint);
        return receiver;
    }

    private async Task<Transfer> TransferAsync(long amount = 100)
    {
        Stripe.AddAvailableBalance(amount);
        return await Client.V1.Transfers.CreateAsync(
            new TransferCreateOptions { Amount = amount, Currency = "usd", Destination = _account.Id });
    }

    [Fact]
    public async Task Events_are_signed_so_that_stripe_net_verifies_them_and_a_forgery_fails()
    {
        await using var receiver = await ReceiverAsync();
        var transfer = await TransferAsync();
        await Stripe.Webhooks.WaitUntilIdleAsync();

        var (payload, signature) = Assert.Single(receiver.Received);
        var verified = EventUtility.ConstructEvent(payload, signature, Stripe.WebhookSecret);
        Assert.Equal(("transfer.created", StripeConfiguration.ApiVersion), (verified.Type, verified.ApiVersion));
        Assert.Equal(transfer.Id, Assert.IsType<Transfer>(verified.Data.Object).Id);

        Assert.Throws<StripeException>(() => EventUtility.ConstructEvent(payload, signature, "whsec_forged"));
        var forgedHeader = EventUtility.GenerateSignatureHeader(payload, "whsec_forged",
            DateTimeOffset.UtcNow.ToUnixTimeSeconds());
        Assert.Throws<StripeException>(() => EventUtility.ConstructEvent(payload, forgedHeader, Stripe.WebhookSecret));
        Assert.Throws<StripeException>(() =>
            EventUtility.ConstructEvent(payload.Replace("100", "999", StringComparison.Ordinal), signature, Stripe.WebhookSecret));
    }

    [Fact]
    public async Task Stale_signatures_fail_the_default_tolerance()
    {
        await using var receiver = await ReceiverAsync();
        Stripe.Webhooks.SignatureAge = TimeSpan.FromMinutes(10);
        await TransferAsync();
        await Stripe.Webhooks.WaitUntilIdleAsync();

        var (payload, signature) = Assert.Single(receiver.Received);
        Assert.Throws<StripeException>(() => EventUtility.ConstructEvent(payload, signature, Stripe.WebhookSecret));
    }

    [Fact]
    public async Task Forged_signatures_fail_verification()
    {
        await using var receiver = await ReceiverAsync();
        Stripe.Webhooks.ForgeSignatures = true;
        await TransferAsync();
        await Stripe.Webhooks.WaitUntilIdleAsync();

        var (payload, signature) = Assert.Single(receiver.Received);
        Assert.Throws<StripeException>(() => EventUtility.ConstructEvent(payload, signature, Stripe.WebhookSecret));
    }

    [Fact]
    public async Task Each_event_can_be_delivered_twice()
    {
        await using var receiver = await ReceiverAsync();
        Stripe.Webhooks.DeliverEachTwice = true;
        await TransferAsync();
        await Stripe.Webhooks.WaitUntilIdleAsync();

        var ids = receiver.Received.Select(r => EventUtility.ConstructEvent(r.Payload, r.Signature, Stripe.WebhookSecret).Id)
            .ToList();
        Assert.Equal(2, ids.Count);
        Assert.Single(ids.Distinct());
    }

    [Fact]
    public async Task Held_events_are_released_newest_first()
    {
        await using var receiver = await ReceiverAsync();
        Stripe.Webhooks.Hold();
        var transfer = await TransferAsync();
        Stripe.FailTransfer(transfer.Id);
        Assert.Empty(receiver.Received);

        Stripe.Webhooks.Release();
        await Stripe.Webhooks.WaitUntilIdleAsync();

        var types = receiver.Received
            .Select(r => EventUtility.ConstructEvent(r.Payload, r.Signature, Stripe.WebhookSecret).Type).ToList();
        Assert.Equal(["transfer.reversed", "transfer.created"], types);
    }

    [Fact]
    public async Task A_failed_delivery_is_retried_and_any_event_can_be_resent()
    {
        await using var receiver = await ReceiverAsync();
        receiver.FailNext(2);
        await TransferAsync();
        await Stripe.Webhooks.WaitUntilIdleAsync();

        var deliveries = Stripe.Webhooks.Deliveries;
        Assert.Equal([500, 500, 200], deliveries.Select(d => d.StatusCode));
        Assert.Single(deliveries.Select(d => d.EventId).Distinct());

        Stripe.Webhooks.Resend(deliveries[0].EventId);
        await Stripe.Webhooks.WaitUntilIdleAsync();
        Assert.Equal(4, receiver.Received.Count);
        Assert.Equal(deliveries[0].EventId,
            EventUtility.ConstructEvent(receiver.Received[3].Payload, receiver.Received[3].Signature, Stripe.WebhookSecret).Id);
    }

    [Fact]
    public async Task A_relative_endpoint_goes_through_the_given_client_as_with_a_test_server()
    {
        _account = await OnboardedAccountAsync();
        await using var receiver = await WebhookReceiver.StartAsync();
        using var client = new HttpClient { BaseAddress = new Uri(receiver.Endpoint.GetLeftPart(UriPartial.Authority)) };
        Stripe.Webhooks.DeliverTo(new Uri("/stripe/webhook", UriKind.Relative), client);

        await TransferAsync();
        await Stripe.Webhooks.WaitUntilIdleAsync();

        var (payload, signature) = Assert.Single(receiver.Received);
        Assert.Equal("transfer.created", EventUtility.ConstructEvent(payload, signature, Stripe.WebhookSecret).Type);
    }
}
