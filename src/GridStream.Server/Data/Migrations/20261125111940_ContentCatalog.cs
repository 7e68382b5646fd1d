using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace GridStream.Server.Data.Migrations
{
    /// <inheritdoc />
    public partial class ContentCatalog : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "content_items",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    OwnerId = table.Column<Guid>(type: "uuid", nullable: false),
                    Title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    MasterPlaylistUrl = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    IsLive = table.Column<bool>(type: "boolean", nullable: false),
                    PriceMicroCredits = table.Column<long>(type: "bigint", nullable: false),
                    IsPublished = table.Column<bool>(type: "boolean", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    DeletedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_content_items", x => x.Id);
                    table.CheckConstraint("ck_content_price_not_negative", "\"PriceMicroCredits\" >= 0");
                    table.ForeignKey(
                        name: "FK_content_items_AspNetUsers_OwnerId",
                        column: x => x.OwnerId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_content_items_IsPublished_CreatedAt",
                table: "content_items",
                columns: new[] { "IsPublished", "CreatedAt" },
                filter: "\"DeletedAt\" IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_content_items_OwnerId",
                table: "content_items",
                column: "OwnerId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "content_items");
        }
    }
}
