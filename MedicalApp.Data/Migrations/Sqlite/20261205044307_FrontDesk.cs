using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MedicalApp.Data.Migrations.Sqlite
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
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "WaitingDisplayKeyHash",
                table: "Tenants",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "WaitingDisplayShowsNames",
                table: "Tenants",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "PreferredLanguage",
                table: "Patients",
                type: "TEXT",
                maxLength: 5,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "RemindersOptedOutAtUtc",
                table: "Patients",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "ArrivedAtUtc",
                table: "Appointments",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "TokenNumber",
                table: "Appointments",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "UrgentReason",
                table: "Appointments",
                type: "TEXT",
                maxLength: 300,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "UrgentSinceUtc",
                table: "Appointments",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "AppointmentMessages",
                columns: table => new
                {
                    TenantId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    AppointmentId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Channel = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    ForStartsAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Language = table.Column<string>(type: "TEXT", maxLength: 5, nullable: false),
                    To = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    ProtectedBody = table.Column<string>(type: "TEXT", nullable: true),
                    OutboxEmailId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Attempts = table.Column<int>(type: "INTEGER", nullable: false),
                    NextAttemptAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Note = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    CreatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    SentAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true)
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
                    TenantId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ClinicLocationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Day = table.Column<int>(type: "INTEGER", nullable: false),
                    Opens = table.Column<TimeOnly>(type: "TEXT", nullable: false),
                    Closes = table.Column<TimeOnly>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LocationOpeningHours", x => new { x.TenantId, x.Id });
                    table.CheckConstraint("CK_LocationOpeningHours_OpensBeforeCloses", "\"Opens\" < \"Closes\"");
                    table.ForeignKey(
                        name: "FK_LocationOpeningHours_ClinicLocations_TenantId_ClinicLocationId",
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
                    TenantId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    EmailEnabled = table.Column<bool>(type: "INTEGER", nullable: false),
                    SmsEnabled = table.Column<bool>(type: "INTEGER", nullable: false),
                    SendConfirmation = table.Column<bool>(type: "INTEGER", nullable: false),
                    SendDayBefore = table.Column<bool>(type: "INTEGER", nullable: false),
                    DayBeforeAt = table.Column<TimeOnly>(type: "TEXT", nullable: false),
                    HoursBefore = table.Column<int>(type: "INTEGER", nullable: true),
                    DefaultLanguage = table.Column<string>(type: "TEXT", maxLength: 5, nullable: false),
                    SmsUrlTemplate = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    SmsHttpMethod = table.Column<string>(type: "TEXT", maxLength: 4, nullable: false),
                    SmsBodyTemplate = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    ProtectedSmsApiKey = table.Column<string>(type: "TEXT", nullable: true),
                    SmsSenderId = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    UpdatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
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
                    TenantId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Channel = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    Language = table.Column<string>(type: "TEXT", maxLength: 5, nullable: false),
                    Subject = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Body = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    UpdatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
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
                name: "IX_AppointmentMessages_TenantId_AppointmentId_Kind_Channel_ForStartsAtUtc",
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
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // Token counters have kinds longer than the old column allows; they only matter for their day.
            migrationBuilder.Sql("""DELETE FROM "BusinessNumberCounters" WHERE length("Kind") > 10""");
            migrationBuilder.Sql("""UPDATE "Appointments" SET "Status" = 'Confirmed' WHERE "Status" = 'Arrived'""");
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
        }
    }
}
