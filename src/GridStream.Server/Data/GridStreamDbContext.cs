using GridStream.Domain.Accounts;
using AccountRoles = GridStream.Domain.Accounts.Roles;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace GridStream.Server.Data;

public sealed class GridStreamDbContext(DbContextOptions<GridStreamDbContext> options)
    : IdentityDbContext<GridStreamUser, IdentityRole<Guid>, Guid>(options), IDataProtectionKeyContext
{
    public DbSet<ApiKey> ApiKeys => Set<ApiKey>();

    public DbSet<ContentItem> ContentItems => Set<ContentItem>();

    public DbSet<Rendition> Renditions => Set<Rendition>();

    public DbSet<ManifestSegment> ManifestSegments => Set<ManifestSegment>();

    public DbSet<SwarmSnapshot> SwarmSnapshots => Set<SwarmSnapshot>();

    public DbSet<ComputeJob> ComputeJobs => Set<ComputeJob>();

    public DbSet<WorkUnit> WorkUnits => Set<WorkUnit>();

    public DbSet<Replica> Replicas => Set<Replica>();

    public DbSet<ComputeTrust> ComputeTrust => Set<ComputeTrust>();

    public DbSet<ComputeEarning> ComputeEarnings => Set<ComputeEarning>();

    public DbSet<ComputeUsage> ComputeUsage => Set<ComputeUsage>();

    public DbSet<LedgerAccount> LedgerAccounts => Set<LedgerAccount>();

    public DbSet<LedgerTransfer> LedgerTransfers => Set<LedgerTransfer>();

    public DbSet<ContentLicense> ContentLicenses => Set<ContentLicense>();

    public DbSet<PlaybackTokenKey> PlaybackTokenKeys => Set<PlaybackTokenKey>();

    public DbSet<Payout> Payouts => Set<Payout>();

    public DbSet<StripeCustomer> StripeCustomers => Set<StripeCustomer>();

    public DbSet<StripeWebhookEvent> StripeWebhookEvents => Set<StripeWebhookEvent>();
    public DbSet<StripeInvoice> StripeInvoices => Set<StripeInvoice>();

    public DbSet<StripeConnectAccount> StripeConnectAccounts => Set<StripeConnectAccount>();

    /// <summary>Cookie and token keys live in the database so that every server node accepts what another issued.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);

        builder.Entity<GridStreamUser>().Property(user => user.CreatedAt).HasDefaultValueSql("now()");

        builder.Entity<IdentityRole<Guid>>().HasData(AccountRoles.All.Select(SeededRole));

        builder.Entity<ApiKey>(key =>
        {
            key.ToTable("api_keys");
            key.Property(k => k.Name).HasMaxLength(100);
            key.Property(k => k.Prefix).HasMaxLength(ApiKeySecret.PrefixLength);
            key.HasIndex(k => k.SecretHash).IsUnique();
            key.HasIndex(k => k.UserId);
            key.HasOne(k => k.User).WithMany().HasForeignKey(k => k.UserId).OnDelete(DeleteBehavior.Cascade);
        });

        ConfigureContent(builder);

        builder.Entity<SwarmSnapshot>(snapshot =>
        {
            snapshot.ToTable("swarm_snapshots");
            snapshot.Property(s => s.Rendition).HasMaxLength(100);
            snapshot.HasIndex(s => new { s.ContentItemId, s.TakenAt });
        });

        ComputeModel.Configure(builder);
        LedgerModel.Configure(builder);
        LicensingModel.Configure(builder);
        PayoutsModel.Configure(builder);
        BillingModel.Configure(builder);
        ConnectModel.Configure(builder);
    }

    private static void ConfigureContent(ModelBuilder builder)
    {
        builder.Entity<ContentItem>(content =>
        {
            content.ToTable("content_items", table =>
            {
                table.HasCheckConstraint("ck_content_price_not_negative", "\"PriceMicroCredits\" >= 0");
                table.HasCheckConstraint("ck_content_license_days_positive", "\"LicenseDays\" IS NULL OR \"LicenseDays\" > 0");
            });
            content.Property(c => c.Title).HasMaxLength(Domain.Content.ContentRules.MaxTitleLength);
            content.Property(c => c.MasterPlaylistUrl).HasMaxLength(Domain.Content.ContentRules.MaxUrlLength);
            content.HasIndex(c => c.OwnerId);
            content.HasIndex(c => new { c.IsPublished, c.CreatedAt }).HasFilter("\"DeletedAt\" IS NULL");
            content.HasOne(c => c.Owner).WithMany().HasForeignKey(c => c.OwnerId).OnDelete(DeleteBehavior.Restrict);
            content.Property(c => c.ManifestState).HasConversion<string>().HasMaxLength(16);
            content.Property(c => c.ManifestError).HasMaxLength(1_000);
        });

        builder.Entity<Rendition>(rendition =>
        {
            rendition.ToTable("renditions");
            rendition.Property(r => r.Name).HasMaxLength(100);
            rendition.Property(r => r.Resolution).HasMaxLength(20);
            rendition.Property(r => r.Codecs).HasMaxLength(200);
            rendition.Property(r => r.PlaylistUrl).HasMaxLength(Domain.Content.ContentRules.MaxUrlLength);
            rendition.HasIndex(r => new { r.ContentItemId, r.Name }).IsUnique();
            rendition.HasOne(r => r.ContentItem).WithMany().HasForeignKey(r => r.ContentItemId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<ManifestSegment>(segment =>
        {
            segment.ToTable("manifest_segments", table =>
                table.HasCheckConstraint("ck_segment_sha256_length", "length(\"Sha256\") = 32"));
            segment.HasKey(s => new { s.RenditionId, s.Sequence });
            segment.Property(s => s.Url).HasMaxLength(Domain.Content.ContentRules.MaxUrlLength);
            segment.HasOne<Rendition>().WithMany().HasForeignKey(s => s.RenditionId).OnDelete(DeleteBehavior.Cascade);
        });
    }

    /// <summary>Roles are fixed, so they are seeded by the migration with ids and stamps that never change.</summary>
    private static IdentityRole<Guid> SeededRole(string name, int index) => new()
    {
        Id = Guid.Parse($"00000000-0000-0000-0000-00000000000{index + 1}"),
        Name = name,
        NormalizedName = name.ToUpperInvariant(),
        ConcurrencyStamp = $"role-{name}",
    };
}
