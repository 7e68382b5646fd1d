using System.Text;
using Microsoft.Extensions.Options;
using Stripe;

namespace GridStream.Server.Billing;

/// <summary>What the endpoint answers Stripe: whether the event was new, and what it did.</summary>
public sealed record StripeWebhookReceipt(string EventId, string Type, bool Duplicate, string Effect);

/// <summary>
/// POST /api/billing/stripe/webhook. The signature is checked over the raw body with the endpoint's secret and a
/// five-minute tolerance (a forged, altered or replayed-late request is a 400 with no effect). The event id is stored
/// uniquely in the same transaction as the event's effect, so a redelivery is recognised and changes nothing; the
/// effects are decided from the object the event carries, not from the order events arrive in.
/// </summary>
internal static class ReceiveStripeWebhook
{
    public const string SignatureHeader = "Stripe-Signature";

    /// <summary>Stripe's own default: a signature older than this is refused, which bounds replays.</summary>
    public const long ToleranceSeconds = 300;

    public static async Task<IResult> HandleAsync(HttpRequest request, IOptions<StripeOptions> options, StripeEventStore events,
        TimeProvider clock, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var secret = options.Value.WebhookSecret;
        if (string.IsNullOrWhiteSpace(secret))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "Stripe webhooks are not configured",
                detail: "Set GridStream:Stripe:WebhookSecret to the endpoint's signing secret.");
        }

        string json;
        using (var reader = new StreamReader(request.Body, Encoding.UTF8))
        {
            json = await reader.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
        }

        Event stripeEvent;
        try
        {
            // The API version is not enforced: only the event's id, type, time and object id are read here, and an
            // account upgraded at Stripe must not make every webhook fail until this server is redeployed.
            stripeEvent = EventUtility.ConstructEvent(json, request.Headers[SignatureHeader].ToString(), secret, ToleranceSeconds,
                clock.GetUtcNow().ToUnixTimeSeconds(), throwOnApiVersionMismatch: false);
        }
        catch (StripeException e)
        {
            loggers.CreateLogger(typeof(ReceiveStripeWebhook)).LogWarning("Refused a Stripe webhook: {Reason}", e.Message);
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Invalid Stripe webhook",
                detail: "The Stripe-Signature header does not match the body, or it is too old.");
        }

        var receipt = await events.RecordAsync(stripeEvent, json, cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(receipt);
    }
}
