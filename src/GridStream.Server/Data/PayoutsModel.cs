using GridStream.Domain.Payouts;
using Microsoft.EntityFrameworkCore;

namespace GridStream.Server.Data;

/// <summary>The payouts table (DESIGN §7): its figures must tie out, so the database checks them too.</summary>
internal static class PayoutsModel
{
    public const int MaxGatewayLength = 32;

    public static void Configure(ModelBuilder builder) => builder.Entity<Payout>(payout =>
    {
        payout.ToTable("payouts", table =>
        {
            table.HasCheckConstraint("ck_payout_amounts", "\"Cents\" > 0 AND \"MicroCreditsPerCent\" > 0 AND \"CreditsConvertedMicroCredits\" = \"Cents\" * \"MicroCreditsPerCent\"");
            table.HasCheckConstraint("ck_payout_figures_tie_out",
                "\"BroughtForwardMicroCredits\" >= 0 AND \"PeriodEarningsMicroCredits\" >= 0 AND \"CarriedForwardMicroCredits\" >= 0 AND "
                + "\"BroughtForwardMicroCredits\" + \"PeriodEarningsMicroCredits\" - \"CreditsConvertedMicroCredits\" = \"CarriedForwardMicroCredits\"");
            table.HasCheckConstraint("ck_payout_sales_range", "\"SalesThroughTransferId\" >= \"SalesAfterTransferId\" AND \"SalesAfterTransferId\" >= 0");
            table.HasCheckConstraint("ck_payout_period", "\"PeriodEnd\" >= \"PeriodStart\"");
            table.HasCheckConstraint("ck_payout_settlement",
                "(\"State\" = 'InTransit' AND \"SettledAt\" IS NULL) OR (\"State\" = 'Paid' AND \"SettledAt\" IS NOT NULL AND \"ExternalReference\" IS NOT NULL) "
                + "OR (\"State\" = 'Failed' AND \"SettledAt\" IS NOT NULL AND \"FailureReason\" IS NOT NULL)");
        });
        payout.Property(p => p.Id).ValueGeneratedNever();
        payout.Property(p => p.State).HasConversion<string>().HasMaxLength(16);
        payout.Property(p => p.Gateway).HasMaxLength(MaxGatewayLength);
        payout.Property(p => p.ExternalReference).HasMaxLength(PayoutSettlement.MaxReferenceLength);
        payout.Property(p => p.FailureReason).HasMaxLength(PayoutSettlement.MaxReasonLength);
        payout.Property(p => p.CreatedAt).HasDefaultValueSql("now()");
        // An owner's payouts, newest first; the run also finds the last one that did not fail here.
        payout.HasIndex(p => new { p.OwnerId, p.CreatedAt });
        payout.HasIndex(p => p.CreatedAt).HasDatabaseName("ix_payouts_in_transit").HasFilter("\"State\" = 'InTransit'");
        payout.HasOne<GridStreamUser>().WithMany().HasForeignKey(p => p.OwnerId).OnDelete(DeleteBehavior.Restrict);
    });
}
