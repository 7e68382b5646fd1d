using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace GridStream.Server.Data.Migrations
{
    /// <inheritdoc />
    public partial class Licensing : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "LicenseDays",
                table: "content_items",
                type: "integer",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "content_licenses",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ViewerId = table.Column<Guid>(type: "uuid", nullable: false),
                    ContentItemId = table.Column<Guid>(type: "uuid", nullable: false),
                    GrantedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ExpiresAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    PricePaidMicroCredits = table.Column<long>(type: "bigint", nullable: false),
                    IdempotencyKey = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_content_licenses", x => x.Id);
                    table.CheckConstraint("ck_license_ends_after_start", "\"ExpiresAt\" IS NULL OR \"ExpiresAt\" > \"GrantedAt\"");
                    table.CheckConstraint("ck_license_price_not_negative", "\"PricePaidMicroCredits\" >= 0");
                    table.ForeignKey(
                        name: "FK_content_licenses_AspNetUsers_ViewerId",
                        column: x => x.ViewerId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_content_licenses_content_items_ContentItemId",
                        column: x => x.ContentItemId,
                        principalTable: "content_items",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "playback_token_keys",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false),
                    ProtectedKey = table.Column<string>(type: "text", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_playback_token_keys", x => x.Id);
                    table.CheckConstraint("ck_playback_token_key_single", "\"Id\" = 1");
                });

            migrationBuilder.AddCheckConstraint(
                name: "ck_content_license_days_positive",
                table: "content_items",
                sql: "\"LicenseDays\" IS NULL OR \"LicenseDays\" > 0");

            migrationBuilder.CreateIndex(
                name: "IX_content_licenses_ContentItemId",
                table: "content_licenses",
                column: "ContentItemId");

            migrationBuilder.CreateIndex(
                name: "IX_content_licenses_ViewerId_ContentItemId_GrantedAt",
                table: "content_licenses",
                columns: new[] { "ViewerId", "ContentItemId", "GrantedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_content_licenses_ViewerId_IdempotencyKey",
                table: "content_licenses",
                columns: new[] { "ViewerId", "IdempotencyKey" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "content_licenses");

            migrationBuilder.DropTable(
                name: "playback_token_keys");

            migrationBuilder.DropCheckConstraint(
                name: "ck_content_license_days_positive",
                table: "content_items");

            migrationBuilder.DropColumn(
                name: "LicenseDays",
                table: "content_items");
        }
    }
}
