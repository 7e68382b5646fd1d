using System.Diagnostics.CodeAnalysis;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace GridStream.Domain.Compute;

/// <summary>
/// One text per JSON value, so replicas' outputs can be compared by hash (RFC 8785, JSON Canonicalization Scheme):
/// object keys sorted by UTF-16 code units, no insignificant whitespace, numbers as JavaScript writes doubles (1.0,
/// 1 and 1e0 are all "1"), strings with the fewest escapes. Numbers are read as doubles, as JavaScript reads them:
/// digits beyond double precision do not tell two outputs apart.
/// </summary>
public static class CanonicalJson
{
    /// <summary>Deeper nesting is refused: the walk is recursive and must not exhaust the stack.</summary>
    public const int MaxDepth = 256;

    /// <exception cref="CanonicalJsonException">A number outside double range, a key given twice, nesting deeper than <see cref="MaxDepth"/>.</exception>
    public static string Canonicalize(JsonElement value)
    {
        var output = new StringBuilder();
        Append(output, value, depth: 0);
        return output.ToString();
    }

    /// <summary>Parses and canonicalizes an output as a peer sent it; every way it can be wrong ends in <paramref name="error"/>.</summary>
    public static bool TryCanonicalize(string json, [NotNullWhen(true)] out string? canonical, [NotNullWhen(false)] out string? error)
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            using var document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = MaxDepth });
            canonical = Canonicalize(document.RootElement);
            error = null;
            return true;
        }
        catch (JsonException exception)
        {
            error = $"The output is not JSON: {exception.Message}";
        }
        catch (CanonicalJsonException exception)
        {
            error = $"The output has no canonical form: {exception.Message}";
        }
        catch (ArgumentException)
        {
            // JsonDocument refuses a .NET string holding a raw lone surrogate: it has no UTF-8 form to parse.
            error = "The output is not valid Unicode text (a lone surrogate outside an escape).";
        }

        canonical = null;
        return false;
    }

    /// <summary>Lowercase hex SHA-256 of the UTF-8 bytes.</summary>
    public static string Sha256Hex(string canonicalJson)
    {
        ArgumentNullException.ThrowIfNull(canonicalJson);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonicalJson)));
    }

    private static void Append(StringBuilder output, JsonElement value, int depth)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Object:
                AppendObject(output, value, depth + 1);
                break;
            case JsonValueKind.Array:
                AppendArray(output, value, depth + 1);
                break;
            case JsonValueKind.String:
                var quoted = JsonMarshal.GetRawUtf8Value(value);
                JsonStringText.AppendQuoted(output, JsonStringText.Decode(quoted[1..^1]));
                break;
            case JsonValueKind.Number:
                output.Append(EcmaScriptNumber.Format(ParseNumber(value)));
                break;
            case JsonValueKind.True:
                output.Append("true");
                break;
            case JsonValueKind.False:
                output.Append("false");
                break;
            case JsonValueKind.Null:
                output.Append("null");
                break;
            default:
                throw new ArgumentException("The element holds no JSON value (default JsonElement).", nameof(value));
        }
    }

    private static void AppendObject(StringBuilder output, JsonElement value, int depth)
    {
        CheckDepth(depth);
        var members = value.EnumerateObject()
            .Select(member => (Name: JsonStringText.Decode(JsonMarshal.GetRawUtf8PropertyName(member)), member.Value))
            .ToList();
        members.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));

        output.Append('{');
        for (var i = 0; i < members.Count; i++)
        {
            if (i > 0)
            {
                if (string.Equals(members[i].Name, members[i - 1].Name, StringComparison.Ordinal))
                {
                    throw new CanonicalJsonException($"The key \"{Excerpt(members[i].Name)}\" appears twice in one object.");
                }

                output.Append(',');
            }

            JsonStringText.AppendQuoted(output, members[i].Name);
            output.Append(':');
            Append(output, members[i].Value, depth);
        }

        output.Append('}');
    }

    private static void AppendArray(StringBuilder output, JsonElement value, int depth)
    {
        CheckDepth(depth);
        output.Append('[');
        var first = true;
        foreach (var item in value.EnumerateArray())
        {
            if (!first)
            {
                output.Append(',');
            }

            first = false;
            Append(output, item, depth);
        }

        output.Append(']');
    }

    private static double ParseNumber(JsonElement value)
    {
        // TryGetDouble reports success with ±Infinity for 1e400; JSON from JavaScript can never hold such a number.
        if (!value.TryGetDouble(out var number) || !double.IsFinite(number))
        {
            throw new CanonicalJsonException($"The number {Excerpt(value.GetRawText())} is outside the range of a double.");
        }

        return number;
    }

    private static void CheckDepth(int depth)
    {
        if (depth > MaxDepth)
        {
            throw new CanonicalJsonException($"Objects and arrays are nested more than {MaxDepth} deep.");
        }
    }

    private static string Excerpt(string text) =>
        text.Length <= 40 ? text : string.Concat(text.AsSpan(0, 40), "…");
}
