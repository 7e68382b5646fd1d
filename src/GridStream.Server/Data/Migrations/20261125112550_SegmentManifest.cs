using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace GridStream.Server.Data.Migrations
{
    /// <inheritdoc />
    public partial class SegmentManifest : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "ManifestError",
                table: "content_items",
                type: "character varying(1000)",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ManifestState",
                table: "content_items",
                type: "character varying(16)",
                maxLength: 16,
                nullable: false,
                defaultValue: "");

            migrationBuilder.CreateTable(
                name: "renditions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ContentItemId = table.Column<Guid>(type: "uuid", nullable: false),
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Bandwidth = table.Column<long>(type: "bigint", nullable: false),
                    Resolution = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    Codecs = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    PlaylistUrl = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    TargetDurationMs = table.Column<int>(type: "integer", nullable: false),
                    IsLive = table.Column<bool>(type: "boolean", nullable: false),
                    HasEnded = table.Column<bool>(type: "boolean", nullable: false),
                    LastReadAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_renditions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_renditions_content_items_ContentItemId",
                        column: x => x.ContentItemId,
                        principalTable: "content_items",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "manifest_segments",
                columns: table => new
                {
                    RenditionId = table.Column<Guid>(type: "uuid", nullable: false),
                    Sequence = table.Column<long>(type: "bigint", nullable: false),
                    DurationMs = table.Column<int>(type: "integer", nullable: false),
                    Url = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    Sha256 = table.Column<byte[]>(type: "bytea", nullable: false),
                    AddedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_manifest_segments", x => new { x.RenditionId, x.Sequence });
                    table.CheckConstraint("ck_segment_sha256_length", "length(\"Sha256\") = 32");
                    table.ForeignKey(
                        name: "FK_manifest_segments_renditions_RenditionId",
                        column: x => x.RenditionId,
                        principalTable: "renditions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_renditions_ContentItemId_Name",
                table: "renditions",
                columns: new[] { "ContentItemId", "Name" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "manifest_segments");

            migrationBuilder.DropTable(
                name: "renditions");

            migrationBuilder.DropColumn(
                name: "ManifestError",
                table: "content_items");

            migrationBuilder.DropColumn(
                name: "ManifestState",
                table: "content_items");
        }
    }
}
