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
