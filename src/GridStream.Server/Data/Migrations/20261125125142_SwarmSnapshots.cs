using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace GridStream.Server.Data.Migrations
{
    /// <inheritdoc />
    public partial class SwarmSnapshots : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "swarm_snapshots",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ContentItemId = table.Column<Guid>(type: "uuid", nullable: false),
                    Rendition = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    TakenAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Peers = table.Column<int>(type: "integer", nullable: false),
                    Groups = table.Column<int>(type: "integer", nullable: false),
                    CdnBytes = table.Column<long>(type: "bigint", nullable: false),
                    PeerBytes = table.Column<long>(type: "bigint", nullable: false),
                    Stalls = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_swarm_snapshots", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_swarm_snapshots_ContentItemId_TakenAt",
                table: "swarm_snapshots",
                columns: new[] { "ContentItemId", "TakenAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "swarm_snapshots");
        }
    }
}
