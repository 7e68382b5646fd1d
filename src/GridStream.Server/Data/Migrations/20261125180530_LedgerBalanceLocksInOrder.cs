using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace GridStream.Server.Data.Migrations
{
    /// <inheritdoc />
    public partial class LedgerBalanceLocksInOrder : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE OR REPLACE FUNCTION ledger_apply_transfers() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    -- Lock every account the statement touches in id order before moving balances: a flow whose
                    -- debits may all go negative locks nothing earlier (LedgerStore), and concurrent statements must
                    -- not take the same rows in different orders. NO KEY UPDATE, as the UPDATE itself, so it does not
                    -- wait for the KEY SHARE locks that other transfers' foreign-key checks hold on the same accounts.
                    PERFORM 1 FROM ledger_accounts
                    WHERE "Id" IN (SELECT "DebitAccountId" FROM inserted UNION SELECT "CreditAccountId" FROM inserted)
                    ORDER BY "Id" FOR NO KEY UPDATE;
                    UPDATE ledger_accounts a SET
                        "DebitsPosted" = a."DebitsPosted" + d.debits_posted,
                        "CreditsPosted" = a."CreditsPosted" + d.credits_posted,
                        "DebitsPending" = a."DebitsPending" + d.debits_pending,
                        "CreditsPending" = a."CreditsPending" + d.credits_pending
                    FROM (
                        SELECT m.account,
                            sum(m.debits_posted)::bigint AS debits_posted, sum(m.credits_posted)::bigint AS credits_posted,
                            sum(m.debits_pending)::bigint AS debits_pending, sum(m.credits_pending)::bigint AS credits_pending
                        FROM (
                            SELECT t."DebitAccountId" AS account,
                                CASE WHEN t."State" = 'Posted' THEN t."Amount" ELSE 0 END AS debits_posted,
                                0::bigint AS credits_posted,
                                CASE WHEN t."State" = 'Pending' THEN t."Amount" WHEN t."PendingTransferId" IS NOT NULL THEN -t."Amount" ELSE 0 END AS debits_pending,
                                0::bigint AS credits_pending
                            FROM inserted t
                            UNION ALL
                            SELECT t."CreditAccountId",
                                0,
                                CASE WHEN t."State" = 'Posted' THEN t."Amount" ELSE 0 END,
                                0,
                                CASE WHEN t."State" = 'Pending' THEN t."Amount" WHEN t."PendingTransferId" IS NOT NULL THEN -t."Amount" ELSE 0 END
                            FROM inserted t
                        ) m
                        GROUP BY m.account
                    ) d
                    WHERE a."Id" = d.account;
                    RETURN NULL;
                END $$;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE OR REPLACE FUNCTION ledger_apply_transfers() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    UPDATE ledger_accounts a SET
                        "DebitsPosted" = a."DebitsPosted" + d.debits_posted,
                        "CreditsPosted" = a."CreditsPosted" + d.credits_posted,
                        "DebitsPending" = a."DebitsPending" + d.debits_pending,
                        "CreditsPending" = a."CreditsPending" + d.credits_pending
                    FROM (
                        SELECT m.account,
                            sum(m.debits_posted)::bigint AS debits_posted, sum(m.credits_posted)::bigint AS credits_posted,
                            sum(m.debits_pending)::bigint AS debits_pending, sum(m.credits_pending)::bigint AS credits_pending
                        FROM (
                            SELECT t."DebitAccountId" AS account,
                                CASE WHEN t."State" = 'Posted' THEN t."Amount" ELSE 0 END AS debits_posted,
                                0::bigint AS credits_posted,
                                CASE WHEN t."State" = 'Pending' THEN t."Amount" WHEN t."PendingTransferId" IS NOT NULL THEN -t."Amount" ELSE 0 END AS debits_pending,
                                0::bigint AS credits_pending
                            FROM inserted t
                            UNION ALL
                            SELECT t."CreditAccountId",
                                0,
                                CASE WHEN t."State" = 'Posted' THEN t."Amount" ELSE 0 END,
                                0,
                                CASE WHEN t."State" = 'Pending' THEN t."Amount" WHEN t."PendingTransferId" IS NOT NULL THEN -t."Amount" ELSE 0 END
                            FROM inserted t
                        ) m
                        GROUP BY m.account
                    ) d
                    WHERE a."Id" = d.account;
                    RETURN NULL;
                END $$;
                """);
        }
    }
}
