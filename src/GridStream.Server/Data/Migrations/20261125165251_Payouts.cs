using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace GridStream.Server.Data.Migrations
{
    /// <inheritdoc />
    public partial class Payouts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "payouts",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    OwnerId = table.Column<Guid>(type: "uuid", nullable: false),
                    PeriodStart = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    PeriodEnd = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    SalesAfterTransferId = table.Column<long>(type: "bigint", nullable: false),
                    SalesThroughTransferId = table.Column<long>(type: "bigint", nullable: false),
                    BroughtForwardMicroCredits = table.Column<long>(type: "bigint", nullable: false),
                    PeriodEarningsMicroCredits = table.Column<long>(type: "bigint", nullable: false),
                    CreditsConvertedMicroCredits = table.Column<long>(type: "bigint", nullable: false),
                    CarriedForwardMicroCredits = table.Column<long>(type: "bigint", nullable: false),
                    Cents = table.Column<long>(type: "bigint", nullable: false),
                    MicroCreditsPerCent = table.Column<long>(type: "bigint", nullable: false),
                    State = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Gateway = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    ExternalReference = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    FailureReason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false, defaultValueSql: "now()"),
                    SettledAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_payouts", x => x.Id);
                    table.CheckConstraint("ck_payout_amounts", "\"Cents\" > 0 AND \"MicroCreditsPerCent\" > 0 AND \"CreditsConvertedMicroCredits\" = \"Cents\" * \"MicroCreditsPerCent\"");
                    table.CheckConstraint("ck_payout_figures_tie_out", "\"BroughtForwardMicroCredits\" >= 0 AND \"PeriodEarningsMicroCredits\" >= 0 AND \"CarriedForwardMicroCredits\" >= 0 AND \"BroughtForwardMicroCredits\" + \"PeriodEarningsMicroCredits\" - \"CreditsConvertedMicroCredits\" = \"CarriedForwardMicroCredits\"");
                    table.CheckConstraint("ck_payout_period", "\"PeriodEnd\" >= \"PeriodStart\"");
                    table.CheckConstraint("ck_payout_sales_range", "\"SalesThroughTransferId\" >= \"SalesAfterTransferId\" AND \"SalesAfterTransferId\" >= 0");
                    table.CheckConstraint("ck_payout_settlement", "(\"State\" = 'InTransit' AND \"SettledAt\" IS NULL) OR (\"State\" = 'Paid' AND \"SettledAt\" IS NOT NULL AND \"ExternalReference\" IS NOT NULL) OR (\"State\" = 'Failed' AND \"SettledAt\" IS NOT NULL AND \"FailureReason\" IS NOT NULL)");
                    table.ForeignKey(
                        name: "FK_payouts_AspNetUsers_OwnerId",
                        column: x => x.OwnerId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_payouts_OwnerId_CreatedAt",
                table: "payouts",
                columns: new[] { "OwnerId", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "ix_payouts_in_transit",
                table: "payouts",
                column: "CreatedAt",
                filter: "\"State\" = 'InTransit'");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "payouts");
        }
    }
}
