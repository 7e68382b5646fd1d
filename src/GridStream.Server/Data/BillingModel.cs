using Microsoft.EntityFrameworkCore;

namespace GridStream.Server.Data;

/// <summary>Stripe billing's tables and the outbox columns of compute_usage (issue 6).</summary>
internal static class BillingModel
{
    public const int MaxStripeIdLength = 255;
    public const int MaxErrorLength = 1_000;

    public static void Configure(ModelBuilder builder)
    {
        builder.Entity<StripeCustomer>(customer =>
        {
            customer.ToTable("stripe_customers");
            customer.HasKey(c => c.UserId);
            customer.Property(c => c.CustomerId).HasMaxLength(MaxStripeIdLength);
            customer.Property(c => c.SubscriptionId).HasMaxLength(MaxStripeIdLength);
            customer.Property(c => c.CreatedAt).HasDefaultValueSql("now()");
            customer.HasIndex(c => c.CustomerId).IsUnique();
            customer.HasOne<GridStreamUser>().WithMany().HasForeignKey(c => c.UserId).OnDelete(DeleteBehavior.Restrict);
        });

        builder.Entity<StripeWebhookEvent>(stripeEvent =>
        {
            stripeEvent.ToTable("stripe_webhook_events");
            stripeEvent.HasKey(e => e.EventId);
            stripeEvent.Property(e => e.EventId).HasMaxLength(MaxStripeIdLength);
            stripeEvent.Property(e => e.Type).HasMaxLength(100);
            stripeEvent.Property(e => e.ObjectId).HasMaxLength(MaxStripeIdLength);
            stripeEvent.Property(e => e.Effect).HasMaxLength(MaxErrorLength);
            stripeEvent.Property(e => e.Payload).HasColumnType("jsonb");
            stripeEvent.Property(e => e.ReceivedAt).HasDefaultValueSql("now()");
            stripeEvent.HasIndex(e => new { e.ObjectId, e.CreatedAt });
        });

        builder.Entity<StripeInvoice>(invoice =>
        {
            invoice.ToTable("stripe_invoices", table =>
                table.HasCheckConstraint("ck_stripe_invoices_amounts", "\"AmountDueCents\" >= 0 AND \"AmountPaidCents\" >= 0"));
            invoice.HasKey(i => i.InvoiceId);
            invoice.Property(i => i.InvoiceId).HasMaxLength(MaxStripeIdLength);
            invoice.Property(i => i.CustomerId).HasMaxLength(MaxStripeIdLength);
            invoice.Property(i => i.Status).HasConversion<string>().HasMaxLength(16);
            // A customer's standing is read on every job submission: its failed, unpaid invoices.
            invoice.HasIndex(i => new { i.UserId, i.Status });
            invoice.HasOne<GridStreamUser>().WithMany().HasForeignKey(i => i.UserId).OnDelete(DeleteBehavior.Restrict);
        });

        builder.Entity<ComputeUsage>(usage =>
        {
            // The validating transaction inserts rows without naming these columns, so the defaults make them Pending.
            usage.Property(u => u.StripeState).HasConversion<string>().HasMaxLength(16)
                .HasDefaultValueSql("'Pending'").HasSentinel((UsageRelayState)(-1));
            usage.Property(u => u.StripeAttempts).HasDefaultValue(0);
            usage.Property(u => u.StripeError).HasMaxLength(MaxErrorLength);
            // The relay reads the oldest due rows of this small partial index, however many rows have been sent.
            usage.HasIndex(u => u.UnitId).HasDatabaseName("ix_compute_usage_stripe_pending").HasFilter("\"StripeState\" = 'Pending'");
            usage.HasIndex(u => u.StripeState).HasDatabaseName("ix_compute_usage_stripe_unsent")
                .HasFilter("\"StripeState\" IN ('TooOld', 'Rejected')");
        });
    }
}
