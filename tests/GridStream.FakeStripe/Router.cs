using System.Text.Json.Nodes;

namespace GridStream.Testing;

/// <summary>One API call as an endpoint sees it, already authenticated and parsed; runs under the state's gate.</summary>
internal sealed record ApiCall(
    StripeState State,
    FormBody Form,
    IReadOnlyDictionary<string, string> Route,
    string RequestId,
    string? IdempotencyKey,
    string BaseUrl)
{
    public string Id => Route["id"];
}

internal delegate JsonObject Endpoint(ApiCall call);

/// <summary>Matches "METHOD /v1/things/{id}" templates; a segment in braces captures.</summary>
internal sealed class Router
{
    private readonly List<(string Method, string[] Segments, Endpoint Endpoint)> _routes = [];

    public Router Add(string method, string template, Endpoint endpoint)
    {
        _routes.Add((method, template.Trim('/').Split('/'), endpoint));
        return this;
    }

    public bool TryMatch(string method, string path, out Endpoint? endpoint, out Dictionary<string, string> route)
    {
        var segments = path.Trim('/').Split('/');
        foreach (var candidate in _routes.Where(r => r.Method == method && r.Segments.Length == segments.Length))
        {
            route = new Dictionary<string, string>(StringComparer.Ordinal);
            var matched = true;
            for (var i = 0; i < segments.Length && matched; i++)
            {
                var template = candidate.Segments[i];
                if (template.StartsWith('{'))
                {
                    route[template[1..^1]] = Uri.UnescapeDataString(segments[i]);
                }
                else
                {
                    matched = string.Equals(template, segments[i], StringComparison.Ordinal);
                }
            }

            if (matched)
            {
                endpoint = candidate.Endpoint;
                return true;
            }
        }

        endpoint = null;
        route = [];
        return false;
    }
}
