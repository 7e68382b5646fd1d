using System.Text.Json;

namespace GridStream.Agent.Peering;

/// <summary>
/// The signal an agent sends its group mates through the hub to say where it serves segments:
/// {"kind":"http-endpoint","url":"http://127.0.0.1:40123/"}. Browsers send WebRTC offers and answers through the
/// same relay; those are not ours and are ignored.
/// </summary>
internal static class EndpointAnnouncement
{
    public const string Kind = "http-endpoint";

    public static string For(Uri url) => JsonSerializer.Serialize(new { kind = Kind, url = url.ToString() });

    public static Uri? Read(string payload)
    {
        try
        {
            using var document = JsonDocument.Parse(payload);
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Object
                && root.TryGetProperty("kind", out var kind) && kind.ValueKind == JsonValueKind.String && kind.GetString() == Kind
                && root.TryGetProperty("url", out var url) && url.ValueKind == JsonValueKind.String
                && Uri.TryCreate(url.GetString(), UriKind.Absolute, out var address)
                && (address.Scheme == Uri.UriSchemeHttp || address.Scheme == Uri.UriSchemeHttps))
            {
                return address;
            }
        }
        catch (JsonException)
        {
            // Not JSON: somebody else's kind of signal.
        }

        return null;
    }
}
