using Hangfire;
using Microsoft.Extensions.Options;

namespace GridStream.Server.Billing;

/// <summary>
/// Stripe settings (section GridStream:Stripe). Without a SecretKey the server runs offline: usage waits in the
/// outbox and nothing calls Stripe. With one, PriceId and MeterEventName must name a metered price and its meter.
/// </summary>
public sealed class StripeOptions
{
    public const string Section = "GridStream:Stripe";

    public string? SecretKey { get; set; }

    /// <summary>The signing secret of the webhook endpoint (whsec_…).</summary>
    public string? WebhookSecret { get; set; }

    /// <summary>The event_name of the meter that sums customers' usage in cents.</summary>
    public string MeterEventName { get; set; } = "gridstream_compute_cents";

    /// <summary>The metered price (recurring[meter] = that meter, 1 cent per unit) every customer subscribes to.</summary>
    public string? PriceId { get; set; }

    /// <summary>Where Stripe is (https://api.stripe.com by default); the tests point it at their local Stripe.</summary>
    public string? ApiBase { get; set; }

    /// <summary>How often the usage outbox is relayed (cron, UTC).</summary>
    public string RelaySchedule { get; set; } = Cron.Minutely();

    /// <summary>Usage rows per relay batch.</summary>
    public int RelayBatchSize { get; set; } = Domain.Billing.UsageRelayPolicy.Default.BatchSize;

    public bool IsConfigured => !string.IsNullOrWhiteSpace(SecretKey);

    /// <summary>Why the options cannot be used, or null when they can.</summary>
    public string? Problem()
    {
        if (RelayBatchSize is < 1 or > 1_000)
        {
            return $"{Section}:RelayBatchSize must be 1–1000 (it is {RelayBatchSize}).";
        }

        if (!IsConfigured)
        {
            return null;
        }

        if (string.IsNullOrWhiteSpace(PriceId) || string.IsNullOrWhiteSpace(MeterEventName))
        {
            return $"{Section}:SecretKey is set, so {Section}:PriceId and {Section}:MeterEventName must be set too (the metered price and its meter's event name).";
        }

        return ApiBase is not null && !Uri.TryCreate(ApiBase, UriKind.Absolute, out _)
            ? $"{Section}:ApiBase must be an absolute URL (it is '{ApiBase}')."
            : null;
    }
}

/// <summary>Stops the server at start with the reason when the Stripe settings are incomplete.</summary>
internal sealed class StripeOptionsValidation : IValidateOptions<StripeOptions>
{
    public ValidateOptionsResult Validate(string? name, StripeOptions options) =>
        options.Problem() is { } problem ? ValidateOptionsResult.Fail(problem) : ValidateOptionsResult.Success;
}
