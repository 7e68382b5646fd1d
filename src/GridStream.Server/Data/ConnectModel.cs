using Microsoft.EntityFrameworkCore;

namespace GridStream.Server.Data;

/// <summary>Stripe Connect's table and the payouts' transfer column (issue 6, payouts through Stripe).</summary>
internal static class ConnectModel
{
    public static void Configure(ModelBuilder builder)
    {
        builder.Entity<StripeConnectAccount>(account =>
        {
            account.ToTable("stripe_connect_accounts");
            account.HasKey(a => a.OwnerId);
            account.Property(a => a.AccountId).HasMaxLength(BillingModel.MaxStripeIdLength);
            account.Property(a => a.CreatedAt).HasDefaultValueSql("now()");
            // account.updated names the account, not the owner.
            account.HasIndex(a => a.AccountId).IsUnique();
            account.HasOne<GridStreamUser>().WithMany().HasForeignKey(a => a.OwnerId).OnDelete(DeleteBehavior.Restrict);
        });

        builder.Entity<Payout>(payout =>
        {
            payout.Property(p => p.StripeTransferId).HasMaxLength(BillingModel.MaxStripeIdLength);
            // One transfer carries one payout; the payout run re-sends those still without one.
            payout.HasIndex(p => p.StripeTransferId).IsUnique().HasFilter("\"StripeTransferId\" IS NOT NULL");
        });
    }
}
