using System.Globalization;
using System.Text.RegularExpressions;

namespace GridStream.Testing;

/// <summary>
/// Stripe's v1 parameters: form-encoded pairs whose keys use bracket notation (<c>metadata[k]=v</c>,
/// <c>items[0][price]=…</c>). Handlers read the keys they know; whatever no handler read is an unknown parameter,
/// which Stripe refuses.
/// </summary>
internal sealed partial class FormBody
{
    private readonly IReadOnlyDictionary<string, string> _values;
    private readonly HashSet<string> _read;
    private readonly string _prefix;

    private FormBody(IReadOnlyDictionary<string, string> values, HashSet<string> read, string prefix)
    {
        _values = values;
        _read = read;
        _prefix = prefix;
    }

    public IReadOnlyDictionary<string, string> All => _values;

    public static FormBody Parse(string encoded)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var appendIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var pair in encoded.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            var rawKey = equals < 0 ? pair : pair[..equals];
            var rawValue = equals < 0 ? "" : pair[(equals + 1)..];
            var key = Decode(rawKey);
            if (key.Length == 0 || !KeyShape().IsMatch(key))
            {
                throw StripeApiError.Invalid($"Invalid parameter name: '{key}'.", "parameter_invalid_string", key);
            }

            // "expand[]=a&expand[]=b" (curl style) means the next index each time.
            if (key.EndsWith("[]", StringComparison.Ordinal))
            {
                var stem = key[..^2];
                appendIndex.TryGetValue(stem, out var next);
                appendIndex[stem] = next + 1;
                key = string.Create(CultureInfo.InvariantCulture, $"{stem}[{next}]");
            }

            values[key] = Decode(rawValue);
        }

        return new FormBody(values, new HashSet<string>(StringComparer.Ordinal), "");
    }

    public string Key(string name) => _prefix.Length == 0 ? name : $"{_prefix}[{name}]";

    public string? Optional(string name)
    {
        var key = Key(name);
        if (!_values.TryGetValue(key, out var value))
        {
            return null;
        }

        _read.Add(key);
        return value.Length == 0 ? null : value;
    }

    public string Required(string name) => Optional(name) ?? throw StripeApiError.Missing(Key(name));

    public long? OptionalLong(string name)
    {
        var text = Optional(name);
        if (text is null)
        {
            return null;
        }

        return long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw StripeApiError.Invalid($"Invalid integer: {text}", "parameter_invalid_integer", Key(name));
    }

    public long RequiredLong(string name) => OptionalLong(name) ?? throw StripeApiError.Missing(Key(name));

    public bool? OptionalBool(string name) => Optional(name) switch
    {
        null => null,
        "true" => true,
        "false" => false,
        var other => throw StripeApiError.Invalid($"Invalid boolean: {other}", "parameter_invalid_boolean", Key(name)),
    };

    public string? OneOf(string name, params string[] allowed)
    {
        var value = Optional(name);
        if (value is not null && !allowed.Contains(value, StringComparer.Ordinal))
        {
            throw StripeApiError.Invalid(
                $"Invalid {name}: must be one of {string.Join(", ", allowed)}", "parameter_invalid_string", Key(name));
        }

        return value;
    }

    public FormBody Child(string name) => new(_values, _read, Key(name));

    public bool Has(string name)
    {
        var key = Key(name);
        return _values.Keys.Any(k => k == key || k.StartsWith(key + "[", StringComparison.Ordinal));
    }

    /// <summary>The children <c>name[0]</c>, <c>name[1]</c>, … in index order.</summary>
    public IReadOnlyList<FormBody> Indexed(string name)
    {
        var stem = Key(name) + "[";
        return _values.Keys
            .Where(k => k.StartsWith(stem, StringComparison.Ordinal))
            .Select(k => k[stem.Length..k.IndexOf(']', stem.Length)])
            .Distinct()
            .Select(index => int.TryParse(index, NumberStyles.None, CultureInfo.InvariantCulture, out var i)
                ? i
                : throw StripeApiError.Invalid($"Invalid array index: {name}[{index}]", "parameter_invalid_integer", Key(name)))
            .Order()
            .Select(i => new FormBody(_values, _read, string.Create(CultureInfo.InvariantCulture, $"{Key(name)}[{i}]")))
            .ToList();
    }

    /// <summary>A free-form map such as <c>metadata[k]=v</c> or <c>payload[k]=v</c>; an empty value removes a key.</summary>
    public Dictionary<string, string> Map(string name)
    {
        var stem = Key(name) + "[";
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in _values.Where(kv => kv.Key.StartsWith(stem, StringComparison.Ordinal)))
        {
            _read.Add(key);
            var inner = key[stem.Length..^1];
            if (inner.Contains('[', StringComparison.Ordinal))
            {
                throw StripeApiError.Invalid($"Invalid {name}: values must be strings", "parameter_invalid_string", key);
            }

            if (value.Length > 0)
            {
                map[inner] = value;
            }
        }

        return map;
    }

    /// <summary>Stripe.net sends <c>expand[0]=…</c>; the fake returns ids unexpanded but accepts the parameter.</summary>
    public void IgnoreExpand() => Map("expand");

    public void RejectUnknown()
    {
        var unknown = _values.Keys.Where(k => !_read.Contains(k)).Order(StringComparer.Ordinal).FirstOrDefault();
        if (unknown is not null)
        {
            throw StripeApiError.Invalid($"Received unknown parameter: {unknown}", "parameter_unknown", unknown);
        }
    }

    private static string Decode(string raw) => Uri.UnescapeDataString(raw.Replace('+', ' '));

    [GeneratedRegex(@"^[^\[\]]+(\[[^\[\]]*\])*$")]
    private static partial Regex KeyShape();
}
