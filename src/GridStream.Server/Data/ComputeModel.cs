using GridStream.Domain.Ledger;
using Microsoft.EntityFrameworkCore;

namespace GridStream.Server.Data;

/// <summary>Tables of the compute broker (DESIGN §6). The hot paths (leasing, results) use SQL on these tables directly.</summary>
internal static class ComputeModel
{
    public static void Configure(ModelBuilder builder)
    {
        builder.Entity<ComputeJob>(job =>
        {
            job.ToTable("compute_jobs", table =>
            {
                table.HasCheckConstraint("ck_job_price_not_negative", "\"PriceCentsPerUnit\" >= 0");
                table.HasCheckConstraint("ck_job_quorum_fits", "\"Quorum\" >= 1 AND \"MaxTotalReplicas\" >= \"Quorum\"");
            });
            job.Property(j => j.Name).HasMaxLength(200);
            job.Property(j => j.SampleName).HasMaxLength(100);
            job.Property(j => j.CodeSha256).HasMaxLength(64).IsFixedLength();
            job.Property(j => j.State).HasConversion<string>().HasMaxLength(16);
            job.HasIndex(j => new { j.CustomerId, j.CreatedAt });
            job.HasOne(j => j.Customer).WithMany().HasForeignKey(j => j.CustomerId).OnDelete(DeleteBehavior.Restrict);
        });

        builder.Entity<WorkUnit>(unit =>
        {
            unit.ToTable("work_units", table =>
                table.HasCheckConstraint("ck_unit_counts_not_negative", "\"Wanted\" >= 0 AND \"Issued\" >= 0"));
            unit.Property(u => u.Id).UseIdentityAlwaysColumn();
            unit.Property(u => u.State).HasConversion<string>().HasMaxLength(16);
            unit.Property(u => u.CanonicalSha256).HasMaxLength(64).IsFixedLength();
            unit.Property(u => u.FailureReason).HasMaxLength(1_000);
            unit.Property(u => u.HolderAccounts).HasDefaultValueSql("'{}'");
            unit.Property(u => u.HolderSubnets).HasDefaultValueSql("'{}'");
            unit.HasIndex(u => new { u.JobId, u.Index }).IsUnique();
            unit.HasIndex(u => new { u.JobId, u.State });
            // The leasing query walks this small index only: units that want replicas now.
            unit.HasIndex(u => u.Id).HasDatabaseName("ix_work_units_ready").HasFilter("\"Wanted\" > 0");
            unit.HasIndex(u => u.DecidedAt).HasDatabaseName("ix_work_units_accepted").HasFilter("\"State\" = 'Accepted'");
            unit.HasOne<ComputeJob>().WithMany().HasForeignKey(u => u.JobId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<Replica>(replica =>
        {
            replica.ToTable("replicas");
            replica.Property(r => r.Id).UseIdentityAlwaysColumn();
            replica.Property(r => r.Subnet).HasMaxLength(64);
            replica.Property(r => r.State).HasConversion<string>().HasMaxLength(16);
            replica.Property(r => r.Validity).HasConversion<string>().HasMaxLength(16);
            replica.Property(r => r.OutputSha256).HasMaxLength(64).IsFixedLength();
            replica.Property(r => r.Error).HasMaxLength(2_000);
            // DESIGN §6: never two replicas of one unit on the same account or the same subnet. The leasing query
            // enforces both on the unit's holders; the account rule is also this index, which reviews read units by.
            replica.HasIndex(r => new { r.UnitId, r.AccountId }).IsUnique();
            // Every index here costs an entry per lease or per result. Leases in flight are few (what peers hold right
            // now), so one small partial index serves the reaper (by deadline) and, scanned whole, the rarer questions
            // by peer or by job.
            replica.HasIndex(r => r.Deadline).HasDatabaseName("ix_replicas_in_flight").HasFilter("\"State\" = 'InFlight'");
            replica.HasIndex(r => r.AccountId);
            // Room on each page, so that marking a replica valid (no indexed column changes) stays on its page
            // without new index entries (a HOT update).
            replica.HasStorageParameter("fillfactor", 80);
            replica.HasOne<WorkUnit>().WithMany().HasForeignKey(r => r.UnitId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<ComputeTrust>(trust =>
        {
            trust.ToTable("compute_trust");
            trust.HasKey(t => t.AccountId);
        });

        builder.Entity<ComputeEarning>(earning =>
        {
            earning.ToTable("compute_earnings", table => table.HasCheckConstraint("ck_earning_positive", "\"MicroCredits\" > 0"));
            earning.HasKey(e => e.ReplicaId);
            earning.HasIndex(e => new { e.ViewerId, e.CreatedAt });
            earning.HasIndex(e => e.JobId);
            // Not indexed: only the reconciliation reads rows by it, summing whole tables; reviews write it on every row.
            earning.Property(e => e.TransferKey).HasMaxLength(TransferRules.MaxKeyLength);
        });

        builder.Entity<ComputeUsage>(usage =>
        {
            usage.ToTable("compute_usage", table => table.HasCheckConstraint("ck_usage_not_negative", "\"AmountCents\" >= 0"));
            usage.HasKey(u => u.UnitId);
            usage.HasIndex(u => new { u.CustomerId, u.CreatedAt });
            usage.HasIndex(u => u.JobId);
            usage.Property(u => u.TransferKey).HasMaxLength(TransferRules.MaxKeyLength);
        });
    }
}
