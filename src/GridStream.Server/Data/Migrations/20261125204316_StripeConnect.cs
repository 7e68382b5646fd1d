using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace GridStream.Server.Data.Migrations
{
    /// <inheritdoc />
    public partial class StripeConnect : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "StripeTransferId",
                table: "payouts",
                type: "character varying(255)",
                maxLength: 255,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "stripe_connect_accounts",
                columns: table => new
                {
                    OwnerId = table.Column<Guid>(type: "uuid", nullable: false),
                    AccountId = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                    PayoutsEnabled = table.Column<bool>(type: "boolean", nullable: false),
                    TransfersActive = table.Column<bool>(type: "boolean", nullable: false),
                    CurrentlyDue = table.Column<string[]>(type: "text[]", nullable: false),
                    StatusAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false, defaultValueSql: "now()")
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_stripe_connect_accounts", x => x.OwnerId);
                    table.ForeignKey(
                        name: "FK_stripe_connect_accounts_AspNetUsers_OwnerId",
                        column: x => x.OwnerId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_payouts_StripeTransferId",
                table: "payouts",
                column: "StripeTransferId",
                unique: true,
                filter: "\"StripeTransferId\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_stripe_connect_accounts_AccountId",
                table: "stripe_connect_accounts",
                column: "AccountId",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "stripe_connect_accounts");

            migrationBuilder.DropIndex(
                name: "IX_payouts_StripeTransferId",
                table: "payouts");

            migrationBuilder.DropColumn(
                name: "StripeTransferId",
                table: "payouts");
        }
    }
}
