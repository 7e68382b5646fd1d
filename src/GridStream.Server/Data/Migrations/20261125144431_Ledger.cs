using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace GridStream.Server.Data.Migrations
{
    /// <inheritdoc />
    public partial class Ledger : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ledger_accounts",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                    OwnerId = table.Column<Guid>(type: "uuid", nullable: true),
                    Purpose = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Currency = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    DebitsPosted = table.Column<long>(type: "bigint", nullable: false),
                    CreditsPosted = table.Column<long>(type: "bigint", nullable: false),
                    DebitsPending = table.Column<long>(type: "bigint", nullable: false),
                    CreditsPending = table.Column<long>(type: "bigint", nullable: false),
                    MayGoNegative = table.Column<bool>(type: "boolean", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false, defaultValueSql: "now()")
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ledger_accounts", x => x.Id);
                    table.UniqueConstraint("AK_ledger_accounts_Id_Currency", x => new { x.Id, x.Currency });
                    table.CheckConstraint("ck_ledger_account_available_not_negative", "\"MayGoNegative\" OR \"CreditsPosted\" - \"DebitsPosted\" - \"DebitsPending\" >= 0");
                    table.CheckConstraint("ck_ledger_account_negative_by_purpose", "\"MayGoNegative\" = (\"Purpose\" IN ('CreditIssuance', 'Usage', 'StripeClearing', 'Cash'))");
                    table.CheckConstraint("ck_ledger_account_posted_not_negative", "\"MayGoNegative\" OR \"CreditsPosted\" - \"DebitsPosted\" >= 0");
                    table.CheckConstraint("ck_ledger_account_totals_not_negative", "\"DebitsPosted\" >= 0 AND \"CreditsPosted\" >= 0 AND \"DebitsPending\" >= 0 AND \"CreditsPending\" >= 0");
                });

            migrationBuilder.CreateTable(
                name: "ledger_transfers",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                    IdempotencyKey = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    DebitAccountId = table.Column<long>(type: "bigint", nullable: false),
                    CreditAccountId = table.Column<long>(type: "bigint", nullable: false),
                    Amount = table.Column<long>(type: "bigint", nullable: false),
                    Currency = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Kind = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Reference = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    State = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    PendingTransferId = table.Column<long>(type: "bigint", nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false, defaultValueSql: "now()")
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ledger_transfers", x => x.Id);
                    table.CheckConstraint("ck_ledger_transfer_amount_positive", "\"Amount\" > 0");
                    table.CheckConstraint("ck_ledger_transfer_key_length", "length(\"IdempotencyKey\") BETWEEN 1 AND 200");
                    table.CheckConstraint("ck_ledger_transfer_resolution_shape", "(\"State\" = 'Pending' AND \"PendingTransferId\" IS NULL) OR (\"State\" = 'Posted') OR (\"State\" = 'Voided' AND \"PendingTransferId\" IS NOT NULL)");
                    table.CheckConstraint("ck_ledger_transfer_two_accounts", "\"DebitAccountId\" <> \"CreditAccountId\"");
                    table.ForeignKey(
                        name: "FK_ledger_transfers_ledger_accounts_CreditAccountId_Currency",
                        columns: x => new { x.CreditAccountId, x.Currency },
                        principalTable: "ledger_accounts",
                        principalColumns: new[] { "Id", "Currency" },
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ledger_transfers_ledger_accounts_DebitAccountId_Currency",
                        columns: x => new { x.DebitAccountId, x.Currency },
                        principalTable: "ledger_accounts",
                        principalColumns: new[] { "Id", "Currency" },
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ledger_transfers_ledger_transfers_PendingTransferId",
                        column: x => x.PendingTransferId,
                        principalTable: "ledger_transfers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ledger_accounts_OwnerId_Purpose_Currency",
                table: "ledger_accounts",
                columns: new[] { "OwnerId", "Purpose", "Currency" },
                unique: true)
                .Annotation("Npgsql:NullsDistinct", false);

            migrationBuilder.CreateIndex(
                name: "IX_ledger_transfers_CreditAccountId_Currency_Id",
                table: "ledger_transfers",
                columns: new[] { "CreditAccountId", "Currency", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_ledger_transfers_DebitAccountId_Currency_Id",
                table: "ledger_transfers",
                columns: new[] { "DebitAccountId", "Currency", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_ledger_transfers_IdempotencyKey",
                table: "ledger_transfers",
                column: "IdempotencyKey",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ledger_transfers_PendingTransferId",
                table: "ledger_transfers",
                column: "PendingTransferId",
                unique: true,
                filter: "\"PendingTransferId\" IS NOT NULL");

            // Rows of ledger_transfers never change: a correction is a reversing transfer, a resolution a new row.
            migrationBuilder.Sql("""
                CREATE FUNCTION ledger_refuse_transfer_change() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    RAISE EXCEPTION 'ledger transfers are immutable (% refused); correct them with a reversing transfer', TG_OP
                        USING ERRCODE = 'integrity_constraint_violation';
                END $$;

                CREATE TRIGGER ledger_transfers_immutable BEFORE UPDATE OR DELETE ON ledger_transfers
                    FOR EACH ROW EXECUTE FUNCTION ledger_refuse_transfer_change();
                CREATE TRIGGER ledger_transfers_not_truncated BEFORE TRUNCATE ON ledger_transfers
                    FOR EACH STATEMENT EXECUTE FUNCTION ledger_refuse_transfer_change();
                """);

            // A resolution must name a pending transfer and repeat its accounts, currency and amount exactly.
            migrationBuilder.Sql("""
                CREATE FUNCTION ledger_check_resolution() RETURNS trigger LANGUAGE plpgsql AS $$
                DECLARE
                    pending ledger_transfers%ROWTYPE;
                BEGIN
                    SELECT * INTO pending FROM ledger_transfers WHERE "Id" = NEW."PendingTransferId";
                    IF NOT FOUND OR pending."State" <> 'Pending'
                        OR pending."DebitAccountId" <> NEW."DebitAccountId" OR pending."CreditAccountId" <> NEW."CreditAccountId"
                        OR pending."Amount" <> NEW."Amount" OR pending."Currency" <> NEW."Currency" THEN
                        RAISE EXCEPTION 'transfer % does not resolve transfer %: a resolution repeats a pending transfer''s accounts, currency and amount',
                            NEW."IdempotencyKey", NEW."PendingTransferId" USING ERRCODE = 'integrity_constraint_violation';
                    END IF;
                    RETURN NEW;
                END $$;

                CREATE TRIGGER ledger_transfers_resolution BEFORE INSERT ON ledger_transfers
                    FOR EACH ROW WHEN (NEW."PendingTransferId" IS NOT NULL) EXECUTE FUNCTION ledger_check_resolution();
                """);

            // Balances move in the statement that inserts the transfers, once per statement (batches stay cheap), so
            // they always equal the sum of the transfers; the accounts' CHECKs then refuse any overdraw.
            migrationBuilder.Sql("""
                CREATE FUNCTION ledger_apply_transfers() RETURNS trigger LANGUAGE plpgsql AS $$
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

                CREATE TRIGGER ledger_transfers_move_balances AFTER INSERT ON ledger_transfers
                    REFERENCING NEW TABLE AS inserted FOR EACH STATEMENT EXECUTE FUNCTION ledger_apply_transfers();
                """);

            // Only that trigger moves balances; an account opens at zero and never changes what it is.
            migrationBuilder.Sql("""
                CREATE FUNCTION ledger_guard_account() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF TG_OP = 'DELETE' THEN
                        RAISE EXCEPTION 'ledger accounts are never deleted' USING ERRCODE = 'integrity_constraint_violation';
                    END IF;
                    IF TG_OP = 'INSERT' THEN
                        IF NEW."DebitsPosted" <> 0 OR NEW."CreditsPosted" <> 0 OR NEW."DebitsPending" <> 0 OR NEW."CreditsPending" <> 0 THEN
                            RAISE EXCEPTION 'ledger account % must open at zero', NEW."Id" USING ERRCODE = 'integrity_constraint_violation';
                        END IF;
                        RETURN NEW;
                    END IF;
                    IF NEW."Id" <> OLD."Id" OR NEW."OwnerId" IS DISTINCT FROM OLD."OwnerId" OR NEW."Purpose" <> OLD."Purpose"
                        OR NEW."Currency" <> OLD."Currency" OR NEW."MayGoNegative" <> OLD."MayGoNegative" OR NEW."CreatedAt" <> OLD."CreatedAt" THEN
                        RAISE EXCEPTION 'ledger account % cannot change what it is', OLD."Id" USING ERRCODE = 'integrity_constraint_violation';
                    END IF;
                    IF pg_trigger_depth() < 2 THEN
                        RAISE EXCEPTION 'ledger account % balances move only with transfers', OLD."Id" USING ERRCODE = 'integrity_constraint_violation';
                    END IF;
                    RETURN NEW;
                END $$;

                CREATE TRIGGER ledger_accounts_guarded BEFORE INSERT OR UPDATE OR DELETE ON ledger_accounts
                    FOR EACH ROW EXECUTE FUNCTION ledger_guard_account();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER IF EXISTS ledger_accounts_guarded ON ledger_accounts;
                DROP TRIGGER IF EXISTS ledger_transfers_move_balances ON ledger_transfers;
                DROP TRIGGER IF EXISTS ledger_transfers_resolution ON ledger_transfers;
                DROP TRIGGER IF EXISTS ledger_transfers_not_truncated ON ledger_transfers;
                DROP TRIGGER IF EXISTS ledger_transfers_immutable ON ledger_transfers;
                DROP FUNCTION IF EXISTS ledger_guard_account();
                DROP FUNCTION IF EXISTS ledger_apply_transfers();
                DROP FUNCTION IF EXISTS ledger_check_resolution();
                DROP FUNCTION IF EXISTS ledger_refuse_transfer_change();
                """);

            migrationBuilder.DropTable(
                name: "ledger_transfers");

            migrationBuilder.DropTable(
                name: "ledger_accounts");
        }
    }
}
