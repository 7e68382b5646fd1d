using CsCheck;
using GridStream.Domain.Owners;

namespace GridStream.Domain.Tests.Owners;

public sealed class SalesByDayTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 3, 13, 30, 0, TimeSpan.Zero);

    [Fact]
    public void The_window_is_the_last_n_utc_days_ending_today()
    {
        var window = SalesByDay.Window(Now, 30);

        Assert.Equal(new DateOnly(2026, 11, 4), window.FirstDay);
        Assert.Equal(new DateOnly(2026, 12, 3), window.LastDay);
        Assert.Equal(30, window.Days);
        Assert.Equal(new DateTimeOffset(2026, 11, 4, 0, 0, 0, TimeSpan.Zero), window.Start);
    }

    [Fact]
    public void Today_is_the_utc_day_even_when_the_clock_reads_another_offset()
    {
        // 00:30 on 4 December in UTC+2 is still 3 December in UTC.
        var window = SalesByDay.Window(new DateTimeOffset(2026, 12, 4, 0, 30, 0, TimeSpan.FromHours(2)), 1);

        Assert.Equal(new DateOnly(2026, 12, 3), window.FirstDay);
        Assert.Equal(window.FirstDay, window.LastDay);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(SalesByDay.MaxDays + 1)]
    public void Days_outside_one_to_the_maximum_are_refused(int days)
    {
        Assert.NotNull(SalesByDay.DaysError(days));
        Assert.Throws<ArgumentOutOfRangeException>(() => SalesByDay.Window(Now, days));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(SalesByDay.DefaultDays)]
    [InlineData(SalesByDay.MaxDays)]
    public void Days_from_one_to_the_maximum_are_served(int days) => Assert.Null(SalesByDay.DaysError(days));

    [Fact]
    public void Every_day_has_a_row_and_sales_land_on_their_utc_day()
    {
        var window = SalesByDay.Window(Now, 3);
        var licenses = new[]
        {
            new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero),
            new DateTimeOffset(2026, 12, 1, 23, 59, 59, TimeSpan.Zero),
            new DateTimeOffset(2026, 12, 3, 1, 0, 0, TimeSpan.FromHours(3)), // 2 December 22:00 UTC
        };
        var earnings = new[]
        {
            (new DateTimeOffset(2026, 12, 1, 10, 0, 0, TimeSpan.Zero), 4_000_000L),
            (new DateTimeOffset(2026, 12, 1, 11, 0, 0, TimeSpan.Zero), 800_000L),
            (new DateTimeOffset(2026, 12, 2, 22, 0, 0, TimeSpan.Zero), 1L),
        };

        var days = SalesByDay.Bucket(window, licenses, earnings);

        Assert.Equal(
            [
                new DaySales(new DateOnly(2026, 12, 1), 2, 4_800_000),
                new DaySales(new DateOnly(2026, 12, 2), 1, 1),
                new DaySales(new DateOnly(2026, 12, 3), 0, 0),
            ],
            days);
    }

    [Fact]
    public void Sales_before_or_after_the_window_are_left_out()
    {
        var window = SalesByDay.Window(Now, 2);
        var before = new DateTimeOffset(2026, 12, 1, 23, 59, 59, TimeSpan.Zero);
        var after = new DateTimeOffset(2026, 12, 4, 0, 0, 0, TimeSpan.Zero);

        var days = SalesByDay.Bucket(window, [before, after], [(before, 5L), (after, 7L)]);

        Assert.All(days, day => Assert.Equal((0, 0L), (day.Licenses, day.EarnedMicroCredits)));
    }

    [Fact]
    public void Bucketing_keeps_every_license_and_micro_credit_that_falls_in_the_window()
    {
        var window = SalesByDay.Window(Now, 30);
        var inWindow = Gen.Long[window.Start.ToUnixTimeSeconds(), Now.ToUnixTimeSeconds()].Select(DateTimeOffset.FromUnixTimeSeconds);
        Gen.Select(inWindow.Array[0, 50], Gen.Select(inWindow, Gen.Long[0, 10_000_000_000]).Array[0, 50])
            .Sample((licenses, earnings) =>
            {
                var days = SalesByDay.Bucket(window, licenses, earnings);
                return days.Count == 30
                    && days.Sum(d => d.Licenses) == licenses.Length
                    && days.Sum(d => d.EarnedMicroCredits) == earnings.Sum(e => e.Item2)
                    && days.Select(d => d.Day).SequenceEqual(Enumerable.Range(0, 30).Select(window.FirstDay.AddDays));
            });
    }
}
