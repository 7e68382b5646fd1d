namespace GridStream.Domain.Licensing;

/// <summary>When a license ends and whether a viewer may play an item: the rules both purchase and playback follow.</summary>
public static class LicenseTerms
{
    /// <param name="licenseDays">The item's license period; null = the license never expires.</param>
    public static DateTimeOffset? ExpiresAt(DateTimeOffset grantedAt, int? licenseDays) =>
        licenseDays is { } days ? grantedAt.AddDays(days) : null;

    public static bool IsCurrent(DateTimeOffset? expiresAt, DateTimeOffset now) => expiresAt is null || now < expiresAt;

    /// <summary>Free items and one's own items play without a license; priced items need a current one.</summary>
    public static bool MayPlay(long priceMicroCredits, bool isOwner, bool hasCurrentLicense) =>
        priceMicroCredits == 0 || isOwner || hasCurrentLicense;
}
