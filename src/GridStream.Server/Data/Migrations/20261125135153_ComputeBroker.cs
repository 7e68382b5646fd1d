using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace GridStream.Server.Data.Migrations
{
    /// <inheritdoc />
    public partial class ComputeBroker : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "compute_earnings",
                columns: table => new
                {
                    ReplicaId = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ViewerId = table.Column<Guid>(type: "uuid", nullable: false),
                    JobId = table.Column<Guid>(type: "uuid", nullable: false),
                    MicroCredits = table.Column<long>(type: "bigint", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_compute_earnings", x => x.ReplicaId);
                    table.CheckConstraint("ck_earning_positive", "\"MicroCredits\" > 0");
                });

            migrationBuilder.CreateTable(
                name: "compute_jobs",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    CustomerId = table.Column<Guid>(type: "uuid", nullable: false),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    SampleName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    Code = table.Column<string>(type: "text", nullable: false),
                    CodeSha256 = table.Column<string>(type: "character(64)", fixedLength: true, maxLength: 64, nullable: false),
                    Quorum = table.Column<int>(type: "integer", nullable: false),
                    MaxTotalReplicas = table.Column<int>(type: "integer", nullable: false),
                    MaxErrors = table.Column<int>(type: "integer", nullable: false),
                    DeadlineSeconds = table.Column<int>(type: "integer", nullable: false),
                    CpuMillisPerUnit = table.Column<int>(type: "integer", nullable: false),
                    MemoryMegabytesPerUnit = table.Column<int>(type: "integer", nullable: false),
                    PriceCentsPerUnit = table.Column<long>(type: "bigint", nullable: false),
                    UnitCount = table.Column<int>(type: "integer", nullable: false),
                    State = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    CancelledAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    FinishedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_compute_jobs", x => x.Id);
                    table.CheckConstraint("ck_job_price_not_negative", "\"PriceCentsPerUnit\" >= 0");
                    table.CheckConstraint("ck_job_quorum_fits", "\"Quorum\" >= 1 AND \"MaxTotalReplicas\" >= \"Quorum\"");
                    table.ForeignKey(
                        name: "FK_compute_jobs_AspNetUsers_CustomerId",
                        column: x => x.CustomerId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "compute_trust",
                columns: table => new
                {
                    AccountId = table.Column<Guid>(type: "uuid", nullable: false),
                    ConsecutiveValid = table.Column<int>(type: "integer", nullable: false),
                    ValidResults = table.Column<long>(type: "bigint", nullable: false),
                    InvalidResults = table.Column<long>(type: "bigint", nullable: false),
                    ErrorResults = table.Column<long>(type: "bigint", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    LastZeroAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_compute_trust", x => x.AccountId);
                });

            migrationBuilder.CreateTable(
                name: "compute_usage",
                columns: table => new
                {
                    UnitId = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    CustomerId = table.Column<Guid>(type: "uuid", nullable: false),
                    JobId = table.Column<Guid>(type: "uuid", nullable: false),
                    AmountCents = table.Column<long>(type: "bigint", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_compute_usage", x => x.UnitId);
                    table.CheckConstraint("ck_usage_not_negative", "\"AmountCents\" >= 0");
                });

            migrationBuilder.CreateTable(
                name: "work_units",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                    JobId = table.Column<Guid>(type: "uuid", nullable: false),
                    Index = table.Column<int>(type: "integer", nullable: false),
                    Input = table.Column<string>(type: "text", nullable: false),
                    State = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Wanted = table.Column<int>(type: "integer", nullable: false),
                    Issued = table.Column<int>(type: "integer", nullable: false),
                    RequiredAgreement = table.Column<int>(type: "integer", nullable: false),
                    CanonicalSha256 = table.Column<string>(type: "character(64)", fixedLength: true, maxLength: 64, nullable: true),
                    CanonicalOutput = table.Column<string>(type: "text", nullable: true),
                    AgreedCount = table.Column<int>(type: "integer", nullable: false),
                    FailureReason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    DecidedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_work_units", x => x.Id);
                    table.CheckConstraint("ck_unit_counts_not_negative", "\"Wanted\" >= 0 AND \"Issued\" >= 0");
                    table.ForeignKey(
                        name: "FK_work_units_compute_jobs_JobId",
                        column: x => x.JobId,
                        principalTable: "compute_jobs",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "replicas",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                    UnitId = table.Column<long>(type: "bigint", nullable: false),
                    JobId = table.Column<Guid>(type: "uuid", nullable: false),
                    AccountId = table.Column<Guid>(type: "uuid", nullable: false),
                    PeerId = table.Column<Guid>(type: "uuid", nullable: false),
                    Subnet = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    LeasedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Deadline = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    State = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    IsSpotCheck = table.Column<bool>(type: "boolean", nullable: false),
                    Validity = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    OutputSha256 = table.Column<string>(type: "character(64)", fixedLength: true, maxLength: 64, nullable: true),
                    Output = table.Column<string>(type: "text", nullable: true),
                    Error = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    CpuMillis = table.Column<int>(type: "integer", nullable: true),
                    FinishedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_replicas", x => x.Id);
                    table.ForeignKey(
                        name: "FK_replicas_work_units_UnitId",
                        column: x => x.UnitId,
                        principalTable: "work_units",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_compute_earnings_JobId",
                table: "compute_earnings",
                column: "JobId");

            migrationBuilder.CreateIndex(
                name: "IX_compute_earnings_ViewerId_CreatedAt",
                table: "compute_earnings",
                columns: new[] { "ViewerId", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_compute_jobs_CustomerId_CreatedAt",
                table: "compute_jobs",
                columns: new[] { "CustomerId", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_compute_usage_CustomerId_CreatedAt",
                table: "compute_usage",
                columns: new[] { "CustomerId", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_compute_usage_JobId",
                table: "compute_usage",
                column: "JobId");

            migrationBuilder.CreateIndex(
                name: "IX_replicas_AccountId",
                table: "replicas",
                column: "AccountId");

            migrationBuilder.CreateIndex(
                name: "IX_replicas_PeerId_State",
                table: "replicas",
                columns: new[] { "PeerId", "State" });

            migrationBuilder.CreateIndex(
                name: "IX_replicas_UnitId_AccountId",
                table: "replicas",
                columns: new[] { "UnitId", "AccountId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_replicas_UnitId_Subnet",
                table: "replicas",
                columns: new[] { "UnitId", "Subnet" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_replicas_in_flight",
                table: "replicas",
                column: "Deadline",
                filter: "\"State\" = 'InFlight'");

            migrationBuilder.CreateIndex(
                name: "ix_replicas_in_flight_by_job",
                table: "replicas",
                column: "JobId",
                filter: "\"State\" = 'InFlight'");

            migrationBuilder.CreateIndex(
                name: "IX_work_units_JobId_Index",
                table: "work_units",
                columns: new[] { "JobId", "Index" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_work_units_JobId_State",
                table: "work_units",
                columns: new[] { "JobId", "State" });

            migrationBuilder.CreateIndex(
                name: "ix_work_units_accepted",
                table: "work_units",
                column: "DecidedAt",
                filter: "\"State\" = 'Accepted'");

            migrationBuilder.CreateIndex(
                name: "ix_work_units_ready",
                table: "work_units",
                column: "Id",
                filter: "\"Wanted\" > 0");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "compute_earnings");

            migrationBuilder.DropTable(
                name: "compute_trust");

            migrationBuilder.DropTable(
                name: "compute_usage");

            migrationBuilder.DropTable(
                name: "replicas");

            migrationBuilder.DropTable(
                name: "work_units");

            migrationBuilder.DropTable(
                name: "compute_jobs");
        }
    }
}
