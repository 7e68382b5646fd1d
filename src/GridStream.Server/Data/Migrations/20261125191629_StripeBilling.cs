using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace GridStream.Server.Data.Migrations
{
    /// <inheritdoc />
    public partial class StripeBilling : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "StripeAttempts",
                table: "compute_usage",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "StripeError",
                table: "compute_usage",
                type: "character varying(1000)",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "StripeNextAttemptAt",
                table: "compute_usage",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "StripeSentAt",
                table: "compute_usage",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "StripeState",
                table: "compute_usage",
                type: "character varying(16)",
                maxLength: 16,
                nullable: false,
                defaultValueSql: "'Pending'");

            migrationBuilder.CreateTable(
                name: "stripe_customers",
                columns: table => new
                {
                    UserId = table.Column<Guid>(type: "uuid", nullable: false),
                    CustomerId = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                    SubscriptionId = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false, defaultValueSql: "now()")
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_stripe_customers", x => x.UserId);
                    table.ForeignKey(
                        name: "FK_stripe_customers_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "stripe_webhook_events",
                columns: table => new
                {
                    EventId = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                    Type = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    ObjectId = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ReceivedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false, defaultValueSql: "now()"),
                    Effect = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    Payload = table.Column<string>(type: "jsonb", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_stripe_webhook_events", x => x.EventId);
                });

            migrationBuilder.CreateIndex(
                name: "ix_compute_usage_stripe_pending",
                table: "compute_usage",
                column: "UnitId",
                filter: "\"StripeState\" = 'Pending'");

            migrationBuilder.CreateIndex(
                name: "ix_compute_usage_stripe_unsent",
                table: "compute_usage",
                column: "StripeState",
                filter: "\"StripeState\" IN ('TooOld', 'Rejected')");

            migrationBuilder.CreateIndex(
                name: "IX_stripe_customers_CustomerId",
                table: "stripe_customers",
                column: "CustomerId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_stripe_webhook_events_ObjectId_CreatedAt",
                table: "stripe_webhook_events",
                columns: new[] { "ObjectId", "CreatedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "stripe_customers");

            migrationBuilder.DropTable(
                name: "stripe_webhook_events");

            migrationBuilder.DropIndex(
                name: "ix_compute_usage_stripe_pending",
                table: "compute_usage");

            migrationBuilder.DropIndex(
                name: "ix_compute_usage_stripe_unsent",
                table: "compute_usage");

            migrationBuilder.DropColumn(
                name: "StripeAttempts",
                table: "compute_usage");

            migrationBuilder.DropColumn(
                name: "StripeError",
                table: "compute_usage");

            migrationBuilder.DropColumn(
                name: "StripeNextAttemptAt",
                table: "compute_usage");

            migrationBuilder.DropColumn(
                name: "StripeSentAt",
                table: "compute_usage");

            migrationBuilder.DropColumn(
                name: "StripeState",
                table: "compute_usage");
        }
    }
}
