using Microsoft.AspNetCore.Http;

namespace GridStream.Agent.Peering;

/// <summary>
/// Which web pages may read the segments an agent serves (CORS), so browsers in the agent's group can fetch from it.
/// Segments of a free item are public bytes anyway: any origin may read them. Segments of a priced item may be read
/// only by the GridStream viewer app, served from the server's own origin: the hub gives that app's viewers a plan
/// naming this agent only after checking their playback token, while any other site a viewer happens to open gets
/// nothing — browsers don't let a page forge its Origin. Agents themselves are not browsers and read either way, as before.
/// </summary>
internal sealed class SegmentSharing(string allowedOrigin)
{
    private static readonly TimeSpan PreflightCache = TimeSpan.FromHours(1);

    public string AllowedOrigin { get; } = allowedOrigin;

    public static SegmentSharing For(bool priced, Uri server) =>
        new(priced ? server.GetLeftPart(UriPartial.Authority) : "*");

    /// <summary>On every segment answer, including 404 and 503, so a page can tell "not yet" from a failure.</summary>
    public void AddHeaders(HttpResponse response)
    {
        response.Headers.AccessControlAllowOrigin = AllowedOrigin;
        if (AllowedOrigin != "*")
        {
            response.Headers.Vary = "Origin";
        }
    }

    /// <summary>
    /// A preflight: plain GETs need none, but Chromium asks first before a page reaches into a more private network
    /// (Private Network Access); the answer allows GET only.
    /// </summary>
    public void AnswerPreflight(HttpRequest request, HttpResponse response)
    {
        AddHeaders(response);
        response.Headers.AccessControlAllowMethods = "GET";
        response.Headers.AccessControlMaxAge = ((int)PreflightCache.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (request.Headers.ContainsKey("Access-Control-Request-Private-Network"))
        {
            response.Headers["Access-Control-Allow-Private-Network"] = "true";
        }

        response.StatusCode = StatusCodes.Status204NoContent;
    }
}
