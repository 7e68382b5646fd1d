using GridStream.Server.Data;

namespace GridStream.Server.Licensing;

/// <param name="ExpiresAt">Null: the license never expires.</param>
/// <param name="Current">Whether it still allows playback now.</param>
public sealed record LicenseView(
    Guid Id, Guid ContentId, string ContentTitle, DateTimeOffset GrantedAt, DateTimeOffset? ExpiresAt, long PricePaidMicroCredits,
    string IdempotencyKey, bool Current)
{
    public static LicenseView From(ContentLicense license, string title, DateTimeOffset now) => new(
        license.Id, license.ContentItemId, title, license.GrantedAt, license.ExpiresAt, license.PricePaidMicroCredits,
        license.IdempotencyKey, Domain.Licensing.LicenseTerms.IsCurrent(license.ExpiresAt, now));
}

/// <summary>A playback token: pass it as <c>?token=</c> on segment URLs of the origin and as PlaybackToken at Register.</summary>
/// <param name="Required">Whether the item is priced, so the origin and Register insist on it; free items play without.</param>
public sealed record PlaybackTokenView(Guid ContentId, string Token, DateTimeOffset ExpiresAt, bool Required);
