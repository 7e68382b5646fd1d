using System.Text.Json.Nodes;

namespace GridStream.Testing;

/// <summary>
/// A refusal in Stripe's own shape: <c>{"error": {"type", "code", "message", "param"}}</c> with Stripe's status code.
/// Thrown anywhere below the pipeline and turned into the response there.
/// </summary>
internal sealed class StripeApiError(int status, string type, string message, string? code = null, string? param = null)
    : Exception(message)
{
    public int Status { get; } = status;
    public string Type { get; } = type;
    public string? Code { get; } = code;
    public string? Param { get; } = param;

    /// <summary>
    /// Stripe keeps no idempotent result for requests that failed validation before the endpoint ran; a retry with
    /// corrected parameters under the same key is then a new request.
    /// </summary>
    public bool IsValidationError => Code is not null && Code.StartsWith("parameter_", StringComparison.Ordinal);

    public JsonObject ToJson()
    {
        var error = new JsonObject { ["type"] = Type, ["message"] = Message };
        if (Code is not null)
        {
            error["code"] = Code;
        }

        if (Param is not null)
        {
            error["param"] = Param;
        }

        return new JsonObject { ["error"] = error };
    }

    public static StripeApiError Invalid(string message, string? code = null, string? param = null) =>
        new(400, "invalid_request_error", message, code, param);

    public static StripeApiError Missing(string param) =>
        Invalid($"Missing required param: {param}.", "parameter_missing", param);

    /// <summary>Stripe answers 404 for the object named in the URL and 400 for a missing object named by a parameter.</summary>
    public static StripeApiError NoSuch(string resource, string id, string param = "id") =>
        new(param == "id" ? 404 : 400, "invalid_request_error", $"No such {resource}: '{id}'", "resource_missing", param);
}
