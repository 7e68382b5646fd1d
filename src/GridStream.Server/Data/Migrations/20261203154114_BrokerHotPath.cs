using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace GridStream.Server.Data.Migrations
{
    /// <inheritdoc />
    public partial class BrokerHotPath : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_replicas_PeerId_State",
                table: "replicas");

            migrationBuilder.DropIndex(
                name: "IX_replicas_UnitId_Subnet",
                table: "replicas");

            migrationBuilder.DropIndex(
                name: "ix_replicas_in_flight_by_job",
                table: "replicas");

            migrationBuilder.AlterTable(
                name: "replicas")
                .Annotation("Npgsql:StorageParameter:fillfactor", 80);

            migrationBuilder.AddColumn<Guid[]>(
                name: "HolderAccounts",
                table: "work_units",
                type: "uuid[]",
                nullable: false,
                defaultValueSql: "'{}'");

            migrationBuilder.AddColumn<string[]>(
                name: "HolderSubnets",
                table: "work_units",
                type: "text[]",
                nullable: false,
                defaultValueSql: "'{}'");

            migrationBuilder.AddColumn<bool>(
                name: "UsageBooked",
                table: "work_units",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<bool>(
                name: "Credited",
                table: "replicas",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "TransferKey",
                table: "compute_usage",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "TransferKey",
                table: "compute_earnings",
                type: "character varying(200)",
                maxLength: 200,
                nullable: false,
                defaultValue: "");

            // What was there before: holders are the replicas a unit already has; the ledger booked each replica's
            // credits and each unit's usage under its own key, so those are the rows' transfer keys.
            migrationBuilder.Sql(
                """
                UPDATE work_units u SET "HolderAccounts" = h.accounts, "HolderSubnets" = h.subnets
                FROM (SELECT "UnitId", array_agg("AccountId" ORDER BY "Id") AS accounts, array_agg("Subnet" ORDER BY "Id") AS subnets
                      FROM replicas GROUP BY "UnitId") h
                WHERE u."Id" = h."UnitId";
                UPDATE replicas r SET "Credited" = true WHERE EXISTS (SELECT 1 FROM compute_earnings e WHERE e."ReplicaId" = r."Id");
                UPDATE work_units u SET "UsageBooked" = true WHERE EXISTS (SELECT 1 FROM compute_usage c WHERE c."UnitId" = u."Id");
                UPDATE compute_earnings SET "TransferKey" = 'compute-credit:' || "ReplicaId";
                UPDATE compute_usage SET "TransferKey" = 'compute-usage:' || "UnitId" WHERE "AmountCents" > 0;
                ALTER TABLE compute_earnings ALTER COLUMN "TransferKey" DROP DEFAULT;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "HolderAccounts",
                table: "work_units");

            migrationBuilder.DropColumn(
                name: "HolderSubnets",
                table: "work_units");

            migrationBuilder.DropColumn(
                name: "UsageBooked",
                table: "work_units");

            migrationBuilder.DropColumn(
                name: "Credited",
                table: "replicas");

            migrationBuilder.DropColumn(
                name: "TransferKey",
                table: "compute_usage");

            migrationBuilder.DropColumn(
                name: "TransferKey",
                table: "compute_earnings");

            migrationBuilder.AlterTable(
                name: "replicas")
                .OldAnnotation("Npgsql:StorageParameter:fillfactor", 80);

            migrationBuilder.CreateIndex(
                name: "IX_replicas_PeerId_State",
                table: "replicas",
                columns: new[] { "PeerId", "State" });

            migrationBuilder.CreateIndex(
                name: "IX_replicas_UnitId_Subnet",
                table: "replicas",
                columns: new[] { "UnitId", "Subnet" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_replicas_in_flight_by_job",
                table: "replicas",
                column: "JobId",
                filter: "\"State\" = 'InFlight'");
        }
    }
}
