using System.Globalization;

namespace GridStream.Domain.Content;

/// <summary>
/// Reads the numbers of RFC 8216 without floating point: durations become whole milliseconds, so that summing
/// thousands of segments gives exactly what the origin wrote.
/// </summary>
internal static class HlsNumbers
{
    private const int FractionDigitsKept = 3;

    /// <summary>A <c>decimal-integer</c>: digits only, no sign.</summary>
    public static long ParseInteger(string text, string what, int lineNumber)
    {
        RejectNegative(text, what, lineNumber);
        if (!long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
        {
            throw new HlsFormatException(
                $"{what} must be a whole number of at most {long.MaxValue}, not {UntrustedText.Excerpt(text)}.", lineNumber);
        }

        return value;
    }

    public static int ParseSmallInteger(string text, string what, int lineNumber)
    {
        var value = ParseInteger(text, what, lineNumber);
        return value <= int.MaxValue
            ? (int)value
            : throw new HlsFormatException($"{what} must be at most {int.MaxValue}, not {value}.", lineNumber);
    }

    /// <summary>
    /// A <c>decimal-floating-point</c> number of seconds as milliseconds, e.g. "6.006" → 6006. Digits past the
    /// third decimal round half up: "0.0005" → 1.
    /// </summary>
    public static int ParseMilliseconds(string text, string what, int lineNumber)
    {
        RejectNegative(text, what, lineNumber);
        var point = text.IndexOf('.', StringComparison.Ordinal);
        var whole = point < 0 ? text : text[..point];
        var fraction = point < 0 ? string.Empty : text[(point + 1)..];
        var isWellFormed = whole.Length + fraction.Length > 0 && AllDigits(whole) && AllDigits(fraction);
        if (!isWellFormed)
        {
            throw new HlsFormatException(
                $"{what} must be a number of seconds such as 6 or 6.006, not {UntrustedText.Excerpt(text)}.", lineNumber);
        }

        // Leading zeros are allowed; any other 10-digit whole part already overflows int milliseconds.
        var significantWhole = whole.TrimStart('0');
        if (significantWhole.Length > 9)
        {
            throw TooLong(text, what, lineNumber);
        }

        var seconds = significantWhole.Length == 0
            ? 0L
            : long.Parse(significantWhole, NumberStyles.None, CultureInfo.InvariantCulture);
        var keptFraction = fraction.Length >= FractionDigitsKept
            ? fraction[..FractionDigitsKept]
            : fraction.PadRight(FractionDigitsKept, '0');
        var roundsUp = fraction.Length > FractionDigitsKept && fraction[FractionDigitsKept] >= '5';
        var milliseconds = (seconds * 1000)
            + int.Parse(keptFraction, NumberStyles.None, CultureInfo.InvariantCulture)
            + (roundsUp ? 1 : 0);

        return milliseconds <= int.MaxValue ? (int)milliseconds : throw TooLong(text, what, lineNumber);
    }

    private static HlsFormatException TooLong(string text, string what, int lineNumber) =>
        new($"{what} of {UntrustedText.Excerpt(text)} seconds is longer than any segment can be.", lineNumber);

    private static void RejectNegative(string text, string what, int lineNumber)
    {
        if (text.StartsWith('-'))
        {
            throw new HlsFormatException($"{what} must not be negative, but is {UntrustedText.Excerpt(text)}.", lineNumber);
        }
    }

    private static bool AllDigits(string text) => !text.AsSpan().ContainsAnyExceptInRange('0', '9');
}
