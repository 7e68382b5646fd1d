namespace GridStream.Domain.Owners;

/// <summary>One UTC day of an owner's sales: licenses sold and the owner's share of their prices, in micro-credits.</summary>
public sealed record DaySales(DateOnly Day, int Licenses, long EarnedMicroCredits);

/// <summary>A run of whole UTC days ending today, inclusive at both ends.</summary>
public sealed record SalesWindow(DateOnly FirstDay, DateOnly LastDay)
{
    /// <summary>Midnight UTC at the start of the first day: what a query filters from.</summary>
    public DateTimeOffset Start => new(FirstDay.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);

    public int Days => LastDay.DayNumber - FirstDay.DayNumber + 1;
}

/// <summary>
/// Sales and licenses over time for the owner dashboard's chart: licenses and earnings put into UTC days, with a row
/// for every day of the window (days without sales too, so a chart's axis has no holes).
/// </summary>
public static class SalesByDay
{
    public const int DefaultDays = 30;
    public const int MaxDays = 366;

    /// <summary>Why a requested number of days cannot be served, or null when it can.</summary>
    public static string? DaysError(int days) =>
        days is < 1 or > MaxDays ? $"days is a whole number from 1 to {MaxDays} (it is {days})." : null;

    /// <summary>The <paramref name="days"/> UTC days that end with the day of <paramref name="now"/>.</summary>
    public static SalesWindow Window(DateTimeOffset now, int days)
    {
        if (DaysError(days) is { } error)
        {
            throw new ArgumentOutOfRangeException(nameof(days), error);
        }

        var today = DateOnly.FromDateTime(now.UtcDateTime);
        return new SalesWindow(today.AddDays(1 - days), today);
    }

    /// <summary>
    /// Counts each license on the UTC day it was granted and adds each earnings amount to the UTC day it was posted;
    /// anything outside the window is left out.
    /// </summary>
    public static IReadOnlyList<DaySales> Bucket(
        SalesWindow window, IEnumerable<DateTimeOffset> licensesGranted, IEnumerable<(DateTimeOffset At, long MicroCredits)> earnings)
    {
        ArgumentNullException.ThrowIfNull(window);
        ArgumentNullException.ThrowIfNull(licensesGranted);
        ArgumentNullException.ThrowIfNull(earnings);
        var licenses = new int[window.Days];
        var earned = new long[window.Days];
        foreach (var granted in licensesGranted)
        {
            if (IndexOf(window, granted) is { } index)
            {
                licenses[index]++;
            }
        }

        foreach (var (at, microCredits) in earnings)
        {
            if (IndexOf(window, at) is { } index)
            {
                earned[index] = checked(earned[index] + microCredits);
            }
        }

        return [.. Enumerable.Range(0, window.Days).Select(i => new DaySales(window.FirstDay.AddDays(i), licenses[i], earned[i]))];
    }

    private static int? IndexOf(SalesWindow window, DateTimeOffset at)
    {
        var index = DateOnly.FromDateTime(at.UtcDateTime).DayNumber - window.FirstDay.DayNumber;
        return index >= 0 && index < window.Days ? index : null;
    }
}
