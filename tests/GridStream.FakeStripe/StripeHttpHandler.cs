using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;

namespace GridStream.Testing;

/// <summary>
/// Every request goes through the same steps Stripe's front door takes: faults armed by the test first (nothing
/// happens), then the API key, the Stripe-Version header, the form body, the idempotency key, and only then the
/// endpoint, atomically under the state's gate.
/// </summary>
internal sealed partial class StripeHttpHandler(
    StripeState state, Router router, Idempotency idempotency, FaultInjector faults, WebhookSender webhooks,
    FakeStripeOptions options)
{
    public string BaseUrl { get; set; } = "";

    public async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        var method = request.Method.ToUpperInvariant();
        var path = request.Path.Value ?? "/";
        using var reader = new StreamReader(request.Body, Encoding.UTF8);
        var body = await reader.ReadToEndAsync(context.RequestAborted).ConfigureAwait(false);
        var idempotencyKey = Header(request, "Idempotency-Key");
        var version = Header(request, "Stripe-Version");
        var requestId = StripeState.NewId("req", 14);
        context.Response.Headers["Request-Id"] = requestId;

        if (method == "GET" && path.StartsWith(AccountsApi.OnboardingPath, StringComparison.Ordinal))
        {
            await CompleteOnboardingAsync(context, path[AccountsApi.OnboardingPath.Length..]).ConfigureAwait(false);
            return;
        }

        var before = faults.TakeBeforeExecution(method, path);
        if (before is not null)
        {
            Record(method, path, body, idempotencyKey, version, before.Kind == FaultKind.ServerError ? 500 : 429, false, before.Kind);
            await WriteFaultAsync(context, before).ConfigureAwait(false);
            return;
        }

        ApiOutcome outcome;
        try
        {
            outcome = Execute(method, path, body, request, idempotencyKey, version, requestId);
        }
        catch (StripeApiError error)
        {
            outcome = new ApiOutcome(error.Status, error.ToJson().ToJsonString(), Replayed: false);
        }

        var after = faults.TakeAfterCommit(method, path);
        Record(method, path, body, idempotencyKey, version, outcome.Status, outcome.Replayed, after?.Kind);
        DeliverRaisedEvents();
        if (after is not null)
        {
            // The object exists and its idempotent result is kept; the client only sees a broken connection.
            context.Abort();
            return;
        }

        if (outcome.Replayed)
        {
            context.Response.Headers["Idempotent-Replayed"] = "true";
            context.Response.Headers["Original-Request"] = outcome.OriginalRequestId;
        }

        if (idempotencyKey is not null)
        {
            context.Response.Headers["Idempotency-Key"] = idempotencyKey;
        }

        context.Response.Headers["Stripe-Version"] = version ?? Stripe.StripeConfiguration.ApiVersion;
        await WriteJsonAsync(context, outcome.Status, outcome.Body).ConfigureAwait(false);
    }

    private sealed record ApiOutcome(int Status, string Body, bool Replayed, string? OriginalRequestId = null);

    private ApiOutcome Execute(string method, string path, string body, HttpRequest request, string? idempotencyKey,
        string? version, string requestId)
    {
        Authenticate(request);
        if (version is null && options.RequireStripeVersion)
        {
            throw StripeApiError.Invalid("Missing Stripe-Version header: this local Stripe expects the client's pinned API version.");
        }

        if (version is not null && !VersionShape().IsMatch(version))
        {
            throw StripeApiError.Invalid($"Invalid Stripe API version: {version}");
        }

        var form = method == "GET" || method == "DELETE"
            ? FormBody.Parse(request.QueryString.HasValue ? request.QueryString.Value![1..] : "")
            : ParseBody(request, body);

        if (!router.TryMatch(method, path, out var endpoint, out var route))
        {
            throw new StripeApiError(404, "invalid_request_error",
                $"Unrecognized request URL ({method}: {path}). Please see https://stripe.com/docs or we can help at https://support.stripe.com/.");
        }

        lock (state.Gate)
        {
            var fingerprint = Idempotency.Fingerprint(method, path, form);
            if (method == "POST" && idempotencyKey is not null)
            {
                var stored = idempotency.Find(idempotencyKey, method, path, fingerprint, state.UtcNow);
                if (stored is not null)
                {
                    return new ApiOutcome(stored.Status, stored.Body, Replayed: true, stored.RequestId);
                }
            }

            int status;
            string json;
            var eventsBefore = state.Events.Count;
            try
            {
                json = endpoint!(new ApiCall(state, form, route, requestId, idempotencyKey, BaseUrl)).ToJsonString();
                status = 200;
            }
            catch (StripeApiError error) when (!error.IsValidationError)
            {
                // The endpoint ran and refused (e.g. balance_insufficient): Stripe keeps that result for the key too.
                EnsureNothingRaised(eventsBefore);
                status = error.Status;
                json = error.ToJson().ToJsonString();
            }
            catch (StripeApiError)
            {
                EnsureNothingRaised(eventsBefore);
                throw;
            }

            if (method == "POST" && idempotencyKey is not null)
            {
                idempotency.Store(idempotencyKey, method, path, fingerprint, status, json, requestId, state.UtcNow);
            }

            return new ApiOutcome(status, json, Replayed: false);
        }
    }

    /// <summary>Endpoints check everything before they change state, so a refusal can only have raised nothing.</summary>
    private void EnsureNothingRaised(int eventsBefore)
    {
        if (state.Events.Count != eventsBefore)
        {
            throw new InvalidOperationException("An endpoint raised an event and then refused the request.");
        }
    }

    private void Authenticate(HttpRequest request)
    {
        var header = Header(request, "Authorization");
        if (header is null)
        {
            throw new StripeApiError(401, "invalid_request_error",
                "You did not provide an API key. You need to provide your API key in the Authorization header, using Bearer auth (e.g. 'Authorization: Bearer YOUR_SECRET_KEY').");
        }

        string? key = null;
        if (AuthenticationHeaderValue.TryParse(header, out var parsed))
        {
            key = parsed.Scheme.ToUpperInvariant() switch
            {
                "BEARER" => parsed.Parameter,
                "BASIC" => BasicUser(parsed.Parameter),
                _ => null,
            };
        }

        if (!string.Equals(key, options.ApiKey, StringComparison.Ordinal))
        {
            var shown = key is { Length: > 4 } ? "****" + key[^4..] : "****";
            throw new StripeApiError(401, "invalid_request_error", $"Invalid API Key provided: {shown}");
        }
    }

    private static string? BasicUser(string? encoded)
    {
        try
        {
            var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(encoded ?? ""));
            return decoded.Split(':', 2)[0];
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private static FormBody ParseBody(HttpRequest request, string body)
    {
        var contentType = request.ContentType ?? "";
        if (body.Length > 0 && !contentType.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase))
        {
            throw StripeApiError.Invalid(
                $"Invalid request: unsupported Content-Type {contentType}. v1 requests must be application/x-www-form-urlencoded.");
        }

        return FormBody.Parse(body);
    }

    private async Task CompleteOnboardingAsync(HttpContext context, string accountId)
    {
        FakeAccount? account;
        lock (state.Gate)
        {
            account = state.Accounts.ContainsKey(accountId) ? AccountsApi.CompleteOnboarding(state, accountId) : null;
        }

        DeliverRaisedEvents();
        var returnUrl = context.Request.Query["return_url"].ToString();
        if (account is not null && returnUrl.Length > 0)
        {
            context.Response.Redirect(returnUrl);
            return;
        }

        context.Response.StatusCode = account is null ? 404 : 200;
        await context.Response.WriteAsync(account is null ? "No such account." : "Onboarding complete.").ConfigureAwait(false);
    }

    internal void DeliverRaisedEvents()
    {
        List<FakeEvent> raised;
        lock (state.Gate)
        {
            raised = [.. state.Undelivered];
            state.Undelivered.Clear();
        }

        webhooks.Enqueue(raised);
    }

    private void Record(string method, string path, string body, string? key, string? version, int status,
        bool replayed, FaultKind? fault)
    {
        lock (state.Gate)
        {
            state.Requests.Add(new RecordedRequest(method, path, body, key, version, status, replayed, fault, state.UtcNow));
        }
    }

    private static async Task WriteFaultAsync(HttpContext context, Fault fault)
    {
        StripeApiError error;
        if (fault.Kind == FaultKind.TooManyRequests)
        {
            context.Response.Headers["Retry-After"] = fault.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
            if (fault.ShouldRetry is { } shouldRetry)
            {
                context.Response.Headers["Stripe-Should-Retry"] = shouldRetry ? "true" : "false";
            }

            error = new StripeApiError(429, "invalid_request_error",
                "Request rate limit exceeded. Learn more about rate limits here https://stripe.com/docs/rate-limits.",
                "rate_limit");
        }
        else
        {
            error = new StripeApiError(500, "api_error", "An unknown error occurred (injected by the test).");
        }

        await WriteJsonAsync(context, error.Status, error.ToJson().ToJsonString()).ConfigureAwait(false);
    }

    private static async Task WriteJsonAsync(HttpContext context, int status, string json)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(json).ConfigureAwait(false);
    }

    private static string? Header(HttpRequest request, string name) =>
        request.Headers.TryGetValue(name, out var values) && values.Count > 0 ? values[0] : null;

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}(\.[a-z]+)?$")]
    private static partial Regex VersionShape();
}
