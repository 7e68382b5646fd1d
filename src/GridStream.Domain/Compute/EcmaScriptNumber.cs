using System.Globalization;

namespace GridStream.Domain.Compute;

/// <summary>
/// A double written the way JavaScript's Number.prototype.toString writes it (ECMA-262 Number::toString, the form
/// RFC 8785 prescribes): the shortest digits that read back as the same double, plain notation for decimal
/// exponents from -6 to 20, otherwise "d.ddde±n". Outputs come from JavaScript, so this is also how they were written.
/// </summary>
internal static class EcmaScriptNumber
{
    public static string Format(double value)
    {
        if (!double.IsFinite(value))
        {
            throw new CanonicalJsonException($"{value.ToString(CultureInfo.InvariantCulture)} is not a JSON number.");
        }

        if (value == 0)
        {
            return "0"; // -0 included, as in JavaScript
        }

        if (value < 0)
        {
            return "-" + Format(-value);
        }

        var (digits, exponent) = ShortestDigits(value);
        return Layout(digits, exponent);
    }

    /// <summary>
    /// The shortest round-trip digits (no leading or trailing zeros) and n such that value = 0.digits × 10^n.
    /// .NET's "R" already finds the shortest round-trip digits; only its layout differs from JavaScript's.
    /// </summary>
    private static (string Digits, int Exponent) ShortestDigits(double value)
    {
        var text = value.ToString("R", CultureInfo.InvariantCulture);
        var e = text.IndexOfAny(['E', 'e']);
        var mantissa = e < 0 ? text : text[..e];
        var powerOfTen = e < 0 ? 0 : int.Parse(text.AsSpan(e + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);

        var point = mantissa.IndexOf('.', StringComparison.Ordinal);
        var integerDigits = point < 0 ? mantissa.Length : point;
        var allDigits = point < 0 ? mantissa : string.Concat(mantissa.AsSpan(0, point), mantissa.AsSpan(point + 1));

        var leadingZeros = allDigits.Length - allDigits.TrimStart('0').Length;
        var digits = allDigits.Trim('0');
        return (digits, integerDigits - leadingZeros + powerOfTen);
    }

    private static string Layout(string digits, int n)
    {
        var k = digits.Length;
        if (k <= n && n <= 21)
        {
            return digits + new string('0', n - k);
        }

        if (0 < n && n <= 21)
        {
            return string.Concat(digits.AsSpan(0, n), ".", digits.AsSpan(n));
        }

        if (-6 < n && n <= 0)
        {
            return "0." + new string('0', -n) + digits;
        }

        var exponent = n - 1;
        var sign = exponent < 0 ? "-" : "+";
        var magnitude = Math.Abs(exponent).ToString(CultureInfo.InvariantCulture);
        return k == 1
            ? $"{digits}e{sign}{magnitude}"
            : $"{digits[0]}.{digits.AsSpan(1)}e{sign}{magnitude}";
    }
}
