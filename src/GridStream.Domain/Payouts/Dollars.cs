using System.Globalization;

namespace GridStream.Domain.Payouts;

/// <summary>Cents shown as dollars ("1234.05") with integer arithmetic only, the same in every culture.</summary>
public static class Dollars
{
    public static string FromCents(long cents)
    {
        var sign = cents < 0 ? "-" : "";
        // Through UInt128 so that long.MinValue has a magnitude too.
        var magnitude = cents < 0 ? (UInt128)(-(Int128)cents) : (UInt128)cents;
        return string.Create(CultureInfo.InvariantCulture, $"{sign}{magnitude / 100}.{magnitude % 100:00}");
    }
}
