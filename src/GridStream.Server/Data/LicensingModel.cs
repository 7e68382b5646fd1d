using Microsoft.EntityFrameworkCore;

namespace GridStream.Server.Data;

/// <summary>Tables of licenses and playback tokens (DESIGN §7).</summary>
internal static class LicensingModel
{
    public const int MaxIdempotencyKeyLength = 100;

    public static void Configure(ModelBuilder builder)
    {
        builder.Entity<ContentLicense>(license =>
        {
            license.ToTable("content_licenses", table =>
            {
                table.HasCheckConstraint("ck_license_price_not_negative", "\"PricePaidMicroCredits\" >= 0");
                table.HasCheckConstraint("ck_license_ends_after_start", "\"ExpiresAt\" IS NULL OR \"ExpiresAt\" > \"GrantedAt\"");
            });
            license.Property(l => l.IdempotencyKey).HasMaxLength(MaxIdempotencyKeyLength);
            // Keys are the buyer's own: two viewers picking the same key must not meet.
            license.HasIndex(l => new { l.ViewerId, l.IdempotencyKey }).IsUnique();
            license.HasIndex(l => new { l.ViewerId, l.ContentItemId, l.GrantedAt });
            license.HasIndex(l => l.ContentItemId);
            license.HasOne<GridStreamUser>().WithMany().HasForeignKey(l => l.ViewerId).OnDelete(DeleteBehavior.Restrict);
            license.HasOne<ContentItem>().WithMany().HasForeignKey(l => l.ContentItemId).OnDelete(DeleteBehavior.Restrict);
        });

        builder.Entity<PlaybackTokenKey>(key =>
        {
            key.ToTable("playback_token_keys", table => table.HasCheckConstraint("ck_playback_token_key_single", "\"Id\" = 1"));
            key.Property(k => k.Id).ValueGeneratedNever();
        });
    }
}
