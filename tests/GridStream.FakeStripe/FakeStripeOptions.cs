namespace GridStream.Testing;

public sealed record FakeStripeOptions
{
    /// <summary>The only key the fake accepts (as Bearer token or Basic user name).</summary>
    public string ApiKey { get; init; } = "sk_test_gridstream_" + Guid.NewGuid().ToString("N");

    public string WebhookSecret { get; init; } = "whsec_" + Guid.NewGuid().ToString("N");

    /// <summary>Refuse requests without a Stripe-Version header (Stripe.net always sends its pinned version).</summary>
    public bool RequireStripeVersion { get; init; } = true;

    /// <summary>The platform's available balance in cents at start.</summary>
    public long InitialAvailableBalance { get; init; }

    /// <summary>Clock for timestamps, the meter-event window and key retention; tests can move it.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Where webhooks go from the start; <see cref="WebhookSender.DeliverTo"/> can set it later.</summary>
    public Uri? WebhookEndpoint { get; init; }
}
