namespace GridStream.Server.Billing;

/// <summary>Stripe Connect settings (section GridStream:Stripe:Connect); the keys and API base are GridStream:Stripe's.</summary>
public sealed class StripeConnectOptions
{
    public const string Section = "GridStream:Stripe:Connect";

    /// <summary>Where Stripe sends the owner after onboarding; default: this server's /api/owner/stripe.</summary>
    public string? ReturnUrl { get; set; }

    /// <summary>Where Stripe sends the owner when the link expired or was used; default: the return URL.</summary>
    public string? RefreshUrl { get; set; }

    /// <summary>
    /// How often Stripe.net retries a Connect call after a 429, a 5xx or a lost response. Each retry carries the same
    /// Idempotency-Key, so a transfer that Stripe made but whose answer was lost is answered again, not made twice.
    /// </summary>
    public int MaxNetworkRetries { get; set; } = 3;

    /// <summary>Why the options cannot be used, or null when they can.</summary>
    public string? Problem()
    {
        if (MaxNetworkRetries is < 0 or > 10)
        {
            return $"{Section}:MaxNetworkRetries must be 0–10 (it is {MaxNetworkRetries}).";
        }

        foreach (var (name, url) in new[] { ("ReturnUrl", ReturnUrl), ("RefreshUrl", RefreshUrl) })
        {
            if (url is not null && !(Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"))
            {
                return $"{Section}:{name} must be an absolute http(s) URL (it is '{url}').";
            }
        }

        return null;
    }
}
