using GridStream.Domain.Content;
using GridStream.Domain.Licensing;

namespace GridStream.Domain.Tests.Licensing;

public sealed class LicenseTermsTests
{
    private static readonly DateTimeOffset Granted = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_license_without_a_period_never_expires()
    {
        Assert.Null(LicenseTerms.ExpiresAt(Granted, licenseDays: null));
        Assert.True(LicenseTerms.IsCurrent(null, Granted.AddYears(50)));
    }

    [Fact]
    public void A_license_with_a_period_ends_that_many_days_later()
    {
        var expiresAt = LicenseTerms.ExpiresAt(Granted, licenseDays: 7);

        Assert.Equal(Granted.AddDays(7), expiresAt);
        Assert.True(LicenseTerms.IsCurrent(expiresAt, Granted.AddDays(7).AddTicks(-1)));
        Assert.False(LicenseTerms.IsCurrent(expiresAt, Granted.AddDays(7)));
    }

    [Theory]
    [InlineData(0, false, false, true)]
    [InlineData(5_000_000, true, false, true)]
    [InlineData(5_000_000, false, true, true)]
    [InlineData(5_000_000, false, false, false)]
    public void Only_priced_content_of_others_needs_a_current_license(long price, bool isOwner, bool hasCurrentLicense, bool mayPlay) =>
        Assert.Equal(mayPlay, LicenseTerms.MayPlay(price, isOwner, hasCurrentLicense));

    [Theory]
    [InlineData(0)]
    [InlineData(-3)]
    [InlineData(ContentRules.MaxLicenseDays + 1)]
    public void License_periods_outside_the_range_are_refused(int days) =>
        Assert.Equal(["licenseDays"], ContentRules.Check("Title", "https://cdn.example.com/m.m3u8", 1, days).Keys);

    [Theory]
    [InlineData(null)]
    [InlineData(1)]
    [InlineData(ContentRules.MaxLicenseDays)]
    public void License_periods_in_the_range_or_none_are_accepted(int? days) =>
        Assert.Empty(ContentRules.Check("Title", "https://cdn.example.com/m.m3u8", 1, days));
}
