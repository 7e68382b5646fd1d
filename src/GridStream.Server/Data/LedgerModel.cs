using GridStream.Domain.Ledger;
using Microsoft.EntityFrameworkCore;

namespace GridStream.Server.Data;

/// <summary>
/// The double-entry ledger (DESIGN §7). The database holds the invariants itself, so no code path can break them:
/// CHECKs on amounts and balances, a composite key that keeps both sides in the transfer's currency, one resolution
/// per pending transfer, and the triggers of the Ledger migration (immutable transfers, balances kept in the
/// statement that inserts the transfers).
/// </summary>
internal static class LedgerModel
{
    public static void Configure(ModelBuilder builder)
    {
        builder.Entity<LedgerAccount>(account =>
        {
            account.ToTable("ledger_accounts", table =>
            {
                table.HasCheckConstraint("ck_ledger_account_totals_not_negative",
                    "\"DebitsPosted\" >= 0 AND \"CreditsPosted\" >= 0 AND \"DebitsPending\" >= 0 AND \"CreditsPending\" >= 0");
                table.HasCheckConstraint("ck_ledger_account_posted_not_negative",
                    "\"MayGoNegative\" OR \"CreditsPosted\" - \"DebitsPosted\" >= 0");
                table.HasCheckConstraint("ck_ledger_account_available_not_negative",
                    "\"MayGoNegative\" OR \"CreditsPosted\" - \"DebitsPosted\" - \"DebitsPending\" >= 0");
            });
            account.Property(a => a.Id).UseIdentityAlwaysColumn();
            account.Property(a => a.Purpose).HasConversion<string>().HasMaxLength(32);
            account.Property(a => a.Currency).HasConversion<string>().HasMaxLength(16);
            account.Property(a => a.CreatedAt).HasDefaultValueSql("now()");
            // A platform account has no owner, and there is one of each: NULL owners count as equal here.
            account.HasIndex(a => new { a.OwnerId, a.Purpose, a.Currency }).IsUnique().AreNullsDistinct(false);
            account.HasAlternateKey(a => new { a.Id, a.Currency });
            account.ToTable(table => table.HasCheckConstraint("ck_ledger_account_negative_by_purpose",
                "\"MayGoNegative\" = (\"Purpose\" IN ('CreditIssuance', 'Usage', 'StripeClearing', 'Cash'))"));
        });

        builder.Entity<LedgerTransfer>(transfer =>
        {
            transfer.ToTable("ledger_transfers", table =>
            {
                table.HasCheckConstraint("ck_ledger_transfer_amount_positive", "\"Amount\" > 0");
                table.HasCheckConstraint("ck_ledger_transfer_two_accounts", "\"DebitAccountId\" <> \"CreditAccountId\"");
                table.HasCheckConstraint("ck_ledger_transfer_key_length", "length(\"IdempotencyKey\") BETWEEN 1 AND " + TransferRules.MaxKeyLength);
                table.HasCheckConstraint("ck_ledger_transfer_resolution_shape",
                    "(\"State\" = 'Pending' AND \"PendingTransferId\" IS NULL) OR (\"State\" = 'Posted') OR (\"State\" = 'Voided' AND \"PendingTransferId\" IS NOT NULL)");
            });
            transfer.Property(t => t.Id).UseIdentityAlwaysColumn();
            transfer.Property(t => t.IdempotencyKey).HasMaxLength(TransferRules.MaxKeyLength);
            transfer.Property(t => t.Kind).HasMaxLength(TransferRules.MaxKindLength);
            transfer.Property(t => t.Reference).HasMaxLength(TransferRules.MaxReferenceLength);
            transfer.Property(t => t.Currency).HasConversion<string>().HasMaxLength(16);
            transfer.Property(t => t.State).HasConversion<string>().HasMaxLength(16);
            transfer.Property(t => t.CreatedAt).HasDefaultValueSql("now()");
            transfer.HasIndex(t => t.IdempotencyKey).IsUnique();
            // At most one resolution (posted or voided) per pending transfer, so its state needs no UPDATE.
            transfer.HasIndex(t => t.PendingTransferId).IsUnique().HasFilter("\"PendingTransferId\" IS NOT NULL");
            // An account's history, newest first; the same indexes serve the foreign keys.
            transfer.HasIndex(t => new { t.DebitAccountId, t.Currency, t.Id });
            transfer.HasIndex(t => new { t.CreditAccountId, t.Currency, t.Id });
            // Both sides are in the transfer's currency: the keys include it.
            transfer.HasOne<LedgerAccount>().WithMany().HasForeignKey(t => new { t.DebitAccountId, t.Currency })
                .HasPrincipalKey(a => new { a.Id, a.Currency }).OnDelete(DeleteBehavior.Restrict);
            transfer.HasOne<LedgerAccount>().WithMany().HasForeignKey(t => new { t.CreditAccountId, t.Currency })
                .HasPrincipalKey(a => new { a.Id, a.Currency }).OnDelete(DeleteBehavior.Restrict);
            transfer.HasOne<LedgerTransfer>().WithMany().HasForeignKey(t => t.PendingTransferId).OnDelete(DeleteBehavior.Restrict);
        });
    }
}
