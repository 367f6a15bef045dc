using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MedicalApp.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class FrontDesk : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "PaidUntilUtc",
                table: "Tenants",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "WaitingDisplayKeyHash",
                table: "Tenants",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "WaitingDisplayShowsNames",
                table: "Tenants",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "PreferredLanguage",
                table: "Patients",
                type: "character varying(5)",
                maxLength: 5,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "RemindersOptedOutAtUtc",
                table: "Patients",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AlterColumn<string>(
                name: "Kind",
                table: "BusinessNumberCounters",
                type: "character varying(40)",
                maxLength: 40,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(10)",
                oldMaxLength: 10);

            migrationBuilder.AddColumn<DateTime>(
                name: "ArrivedAtUtc",
                table: "Appointments",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "TokenNumber",
                table: "Appointments",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "UrgentReason",
                table: "Appointments",
                type: "character varying(300)",
                maxLength: 300,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "UrgentSinceUtc",
                table: "Appointments",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "AppointmentMessages",
                columns: table => new
                {
                    TenantId = table.Column<Guid>(type: "uuid", nullable: false),
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    AppointmentId = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Channel = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    ForStartsAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Language = table.Column<string>(type: "character varying(5)", maxLength: 5, nullable: false),
                    To = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    Status = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    ProtectedBody = table.Column<string>(type: "text", nullable: true),
                    OutboxEmailId = table.Column<Guid>(type: "uuid", nullable: true),
                    Attempts = table.Column<int>(type: "integer", nullable: false),
                    NextAttemptAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Note = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    CreatedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    SentAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AppointmentMessages", x => new { x.TenantId, x.Id });
                    table.ForeignKey(
                        name: "FK_AppointmentMessages_Appointments_TenantId_AppointmentId",
                        columns: x => new { x.TenantId, x.AppointmentId },
                        principalTable: "Appointments",
                        principalColumns: new[] { "TenantId", "Id" },
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_AppointmentMessages_Tenants_TenantId",
                        column: x => x.TenantId,
                        principalTable: "Tenants",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "LocationOpeningHours",
                columns: table => new
                {
                    TenantId = table.Column<Guid>(type: "uuid", nullable: false),
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ClinicLocationId = table.Column<Guid>(type: "uuid", nullable: false),
                    Day = table.Column<int>(type: "integer", nullable: false),
                    Opens = table.Column<TimeOnly>(type: "time without time zone", nullable: false),
                    Closes = table.Column<TimeOnly>(type: "time without time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LocationOpeningHours", x => new { x.TenantId, x.Id });
                    table.CheckConstraint("CK_LocationOpeningHours_OpensBeforeCloses", "\"Opens\" < \"Closes\"");
                    table.ForeignKey(
                        name: "FK_LocationOpeningHours_ClinicLocations_TenantId_ClinicLocatio~",
                        columns: x => new { x.TenantId, x.ClinicLocationId },
                        principalTable: "ClinicLocations",
                        principalColumns: new[] { "TenantId", "Id" },
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_LocationOpeningHours_Tenants_TenantId",
                        column: x => x.TenantId,
                        principalTable: "Tenants",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ReminderSettings",
                columns: table => new
                {
                    TenantId = table.Column<Guid>(type: "uuid", nullable: false),
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    EmailEnabled = table.Column<bool>(type: "boolean", nullable: false),
                    SmsEnabled = table.Column<bool>(type: "boolean", nullable: false),
                    SendConfirmation = table.Column<bool>(type: "boolean", nullable: false),
                    SendDayBefore = table.Column<bool>(type: "boolean", nullable: false),
                    DayBeforeAt = table.Column<TimeOnly>(type: "time without time zone", nullable: false),
                    HoursBefore = table.Column<int>(type: "integer", nullable: true),
                    DefaultLanguage = table.Column<string>(type: "character varying(5)", maxLength: 5, nullable: false),
                    SmsUrlTemplate = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    SmsHttpMethod = table.Column<string>(type: "character varying(4)", maxLength: 4, nullable: false),
                    SmsBodyTemplate = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    ProtectedSmsApiKey = table.Column<string>(type: "text", nullable: true),
                    SmsSenderId = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    UpdatedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReminderSettings", x => new { x.TenantId, x.Id });
                    table.CheckConstraint("CK_ReminderSettings_HoursBefore", "\"HoursBefore\" IS NULL OR (\"HoursBefore\" BETWEEN 1 AND 48)");
                    table.ForeignKey(
                        name: "FK_ReminderSettings_Tenants_TenantId",
                        column: x => x.TenantId,
                        principalTable: "Tenants",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ReminderTemplates",
                columns: table => new
                {
                    TenantId = table.Column<Guid>(type: "uuid", nullable: false),
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Channel = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    Language = table.Column<string>(type: "character varying(5)", maxLength: 5, nullable: false),
                    Subject = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    Body = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    UpdatedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReminderTemplates", x => new { x.TenantId, x.Id });
                    table.ForeignKey(
                        name: "FK_ReminderTemplates_Tenants_TenantId",
                        column: x => x.TenantId,
                        principalTable: "Tenants",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_AppointmentMessages_Status_NextAttemptAtUtc",
                table: "AppointmentMessages",
                columns: new[] { "Status", "NextAttemptAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_AppointmentMessages_TenantId_AppointmentId_Kind_Channel_For~",
                table: "AppointmentMessages",
                columns: new[] { "TenantId", "AppointmentId", "Kind", "Channel", "ForStartsAtUtc" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_LocationOpeningHours_TenantId_ClinicLocationId_Day",
                table: "LocationOpeningHours",
                columns: new[] { "TenantId", "ClinicLocationId", "Day" });

            migrationBuilder.CreateIndex(
                name: "IX_ReminderSettings_TenantId",
                table: "ReminderSettings",
                column: "TenantId");

            migrationBuilder.CreateIndex(
                name: "IX_ReminderTemplates_TenantId_Kind_Channel_Language",
                table: "ReminderTemplates",
                columns: new[] { "TenantId", "Kind", "Channel", "Language" });

            // Hand-added, PostgreSQL only: an arrived patient holds the doctor's time like a booked one.
            migrationBuilder.Sql("""ALTER TABLE "Appointments" DROP CONSTRAINT "EX_Appointments_DoctorTime" """);
            migrationBuilder.Sql("""
                ALTER TABLE "Appointments" ADD CONSTRAINT "EX_Appointments_DoctorTime"
                EXCLUDE USING gist ("TenantId" WITH =, "DoctorProfileId" WITH =, tstzrange("StartsAtUtc", "EndsAtUtc") WITH &&)
                WHERE ("Status" IN ('Scheduled', 'Confirmed', 'Arrived', 'InProgress', 'Completed'))
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // Token counters have kinds longer than the old column allows; they only matter for their day.
            migrationBuilder.Sql("""DELETE FROM "BusinessNumberCounters" WHERE length("Kind") > 10""");
            migrationBuilder.Sql("""ALTER TABLE "Appointments" DROP CONSTRAINT "EX_Appointments_DoctorTime" """);
            migrationBuilder.Sql("""UPDATE "Appointments" SET "Status" = 'Confirmed' WHERE "Status" = 'Arrived'""");
            migrationBuilder.Sql("""
                ALTER TABLE "Appointments" ADD CONSTRAINT "EX_Appointments_DoctorTime"
                EXCLUDE USING gist ("TenantId" WITH =, "DoctorProfileId" WITH =, tstzrange("StartsAtUtc", "EndsAtUtc") WITH &&)
                WHERE ("Status" IN ('Scheduled', 'Confirmed', 'InProgress', 'Completed'))
                """);

            migrationBuilder.DropTable(
                name: "AppointmentMessages");

            migrationBuilder.DropTable(
                name: "LocationOpeningHours");

            migrationBuilder.DropTable(
                name: "ReminderSettings");

            migrationBuilder.DropTable(
                name: "ReminderTemplates");

            migrationBuilder.DropColumn(
                name: "PaidUntilUtc",
                table: "Tenants");

            migrationBuilder.DropColumn(
                name: "WaitingDisplayKeyHash",
                table: "Tenants");

            migrationBuilder.DropColumn(
                name: "WaitingDisplayShowsNames",
                table: "Tenants");

            migrationBuilder.DropColumn(
                name: "PreferredLanguage",
                table: "Patients");

            migrationBuilder.DropColumn(
                name: "RemindersOptedOutAtUtc",
                table: "Patients");

            migrationBuilder.DropColumn(
                name: "ArrivedAtUtc",
                table: "Appointments");

            migrationBuilder.DropColumn(
                name: "TokenNumber",
                table: "Appointments");

            migrationBuilder.DropColumn(
                name: "UrgentReason",
                table: "Appointments");

            migrationBuilder.DropColumn(
                name: "UrgentSinceUtc",
                table: "Appointments");

            migrationBuilder.AlterColumn<string>(
                name: "Kind",
                table: "BusinessNumberCounters",
                type: "character varying(10)",
                maxLength: 10,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(40)",
                oldMaxLength: 40);
        }
    }
}
