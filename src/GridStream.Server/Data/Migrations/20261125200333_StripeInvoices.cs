using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace GridStream.Server.Data.Migrations
{
    /// <inheritdoc />
    public partial class StripeInvoices : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "stripe_invoices",
                columns: table => new
                {
                    InvoiceId = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                    UserId = table.Column<Guid>(type: "uuid", nullable: false),
                    CustomerId = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                    AmountDueCents = table.Column<long>(type: "bigint", nullable: false),
                    AmountPaidCents = table.Column<long>(type: "bigint", nullable: false),
                    Status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    LastEventAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_stripe_invoices", x => x.InvoiceId);
                    table.CheckConstraint("ck_stripe_invoices_amounts", "\"AmountDueCents\" >= 0 AND \"AmountPaidCents\" >= 0");
                    table.ForeignKey(
                        name: "FK_stripe_invoices_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_stripe_invoices_UserId_Status",
                table: "stripe_invoices",
                columns: new[] { "UserId", "Status" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "stripe_invoices");
        }
    }
}
