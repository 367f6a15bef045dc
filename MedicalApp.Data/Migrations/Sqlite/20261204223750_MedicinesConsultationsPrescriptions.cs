using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MedicalApp.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class MedicinesConsultationsPrescriptions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "SignatureFileId",
                table: "DoctorProfiles",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "Consultations",
                columns: table => new
                {
                    TenantId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    AppointmentId = table.Column<Guid>(type: "TEXT", nullable: false),
                    PatientId = table.Column<Guid>(type: "TEXT", nullable: false),
                    DoctorProfileId = table.Column<Guid>(type: "TEXT", nullable: false),
                    StartedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    PausedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    CompletedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ChiefComplaint = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    Symptoms = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    Findings = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    Diagnosis = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    Advice = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    FollowUpOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    BloodPressureSystolic = table.Column<int>(type: "INTEGER", nullable: true),
                    BloodPressureDiastolic = table.Column<int>(type: "INTEGER", nullable: true),
                    PulsePerMinute = table.Column<int>(type: "INTEGER", nullable: true),
                    TemperatureCelsius = table.Column<decimal>(type: "TEXT", precision: 4, scale: 1, nullable: true),
                    WeightKg = table.Column<decimal>(type: "TEXT", precision: 5, scale: 1, nullable: true),
                    SpO2Percent = table.Column<int>(type: "INTEGER", nullable: true),
                    UpdatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Consultations", x => new { x.TenantId, x.Id });
                    table.ForeignKey(
                        name: "FK_Consultations_Appointments_TenantId_AppointmentId",
                        columns: x => new { x.TenantId, x.AppointmentId },
                        principalTable: "Appointments",
                        principalColumns: new[] { "TenantId", "Id" },
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Consultations_DoctorProfiles_TenantId_DoctorProfileId",
                        columns: x => new { x.TenantId, x.DoctorProfileId },
                        principalTable: "DoctorProfiles",
                        principalColumns: new[] { "TenantId", "Id" },
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Consultations_Patients_TenantId_PatientId",
                        columns: x => new { x.TenantId, x.PatientId },
                        principalTable: "Patients",
                        principalColumns: new[] { "TenantId", "Id" },
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Consultations_Tenants_TenantId",
                        column: x => x.TenantId,
                        principalTable: "Tenants",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "GlobalMedicines",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    BrandName = table.Column<string>(type: "TEXT", maxLength: 120, nullable: false),
                    GenericName = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Strength = table.Column<string>(type: "TEXT", maxLength: 80, nullable: false),
                    DosageForm = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    DrugClass = table.Column<string>(type: "TEXT", maxLength: 80, nullable: false),
                    Category = table.Column<string>(type: "TEXT", maxLength: 80, nullable: false),
                    Manufacturer = table.Column<string>(type: "TEXT", maxLength: 120, nullable: false),
                    Schedule = table.Column<string>(type: "TEXT", maxLength: 4, nullable: false),
                    TypicalPriceInr = table.Column<decimal>(type: "TEXT", precision: 10, scale: 2, nullable: false),
                    IsActive = table.Column<bool>(type: "INTEGER", nullable: false),
                    SearchText = table.Column<string>(type: "TEXT", maxLength: 430, nullable: false),
                    UpdatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_GlobalMedicines", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "PracticeMedicines",
                columns: table => new
                {
                    TenantId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    BrandName = table.Column<string>(type: "TEXT", maxLength: 120, nullable: false),
                    GenericName = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Strength = table.Column<string>(type: "TEXT", maxLength: 80, nullable: false),
                    DosageForm = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    DrugClass = table.Column<string>(type: "TEXT", maxLength: 80, nullable: false),
                    Category = table.Column<string>(type: "TEXT", maxLength: 80, nullable: false),
                    Manufacturer = table.Column<string>(type: "TEXT", maxLength: 120, nullable: false),
                    Schedule = table.Column<string>(type: "TEXT", maxLength: 4, nullable: false),
                    TypicalPriceInr = table.Column<decimal>(type: "TEXT", precision: 10, scale: 2, nullable: true),
                    IsActive = table.Column<bool>(type: "INTEGER", nullable: false),
                    SearchText = table.Column<string>(type: "TEXT", maxLength: 430, nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    CreatedByUserId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PracticeMedicines", x => new { x.TenantId, x.Id });
                    table.ForeignKey(
                        name: "FK_PracticeMedicines_Tenants_TenantId",
                        column: x => x.TenantId,
                        principalTable: "Tenants",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "PrintSettings",
                columns: table => new
                {
                    TenantId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    DoctorProfileId = table.Column<Guid>(type: "TEXT", nullable: true),
                    ClinicLocationId = table.Column<Guid>(type: "TEXT", nullable: true),
                    ScopeKey = table.Column<string>(type: "TEXT", maxLength: 80, nullable: false),
                    Template = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    MarginMm = table.Column<int>(type: "INTEGER", nullable: false),
                    LogoPosition = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    FontSizePt = table.Column<decimal>(type: "TEXT", precision: 4, scale: 1, nullable: false),
                    UpdatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PrintSettings", x => new { x.TenantId, x.Id });
                    table.ForeignKey(
                        name: "FK_PrintSettings_ClinicLocations_TenantId_ClinicLocationId",
                        columns: x => new { x.TenantId, x.ClinicLocationId },
                        principalTable: "ClinicLocations",
                        principalColumns: new[] { "TenantId", "Id" },
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_PrintSettings_DoctorProfiles_TenantId_DoctorProfileId",
                        columns: x => new { x.TenantId, x.DoctorProfileId },
                        principalTable: "DoctorProfiles",
                        principalColumns: new[] { "TenantId", "Id" },
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_PrintSettings_Tenants_TenantId",
                        column: x => x.TenantId,
                        principalTable: "Tenants",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ShortKeys",
                columns: table => new
                {
                    TenantId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Code = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    IsShared = table.Column<bool>(type: "INTEGER", nullable: false),
                    CreatedByUserId = table.Column<Guid>(type: "TEXT", nullable: true),
                    CreatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    TimesUsed = table.Column<int>(type: "INTEGER", nullable: false),
                    LastUsedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    IsActive = table.Column<bool>(type: "INTEGER", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ShortKeys", x => new { x.TenantId, x.Id });
                    table.ForeignKey(
                        name: "FK_ShortKeys_Tenants_TenantId",
                        column: x => x.TenantId,
                        principalTable: "Tenants",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Prescriptions",
                columns: table => new
                {
                    TenantId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ConsultationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    AppointmentId = table.Column<Guid>(type: "TEXT", nullable: false),
                    PatientId = table.Column<Guid>(type: "TEXT", nullable: false),
                    DoctorProfileId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ClinicLocationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Number = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    VersionNumber = table.Column<int>(type: "INTEGER", nullable: false),
                    SupersedesPrescriptionId = table.Column<Guid>(type: "TEXT", nullable: true),
                    SupersededByPrescriptionId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Diagnosis = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    Advice = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    FollowUpOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    CreatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    CreatedByUserId = table.Column<Guid>(type: "TEXT", nullable: true),
                    FinalisedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    FinalisedByUserId = table.Column<Guid>(type: "TEXT", nullable: true),
                    StatusChangedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    CancellationReason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Prescriptions", x => new { x.TenantId, x.Id });
                    table.CheckConstraint("CK_Prescriptions_NumberedUnlessDraft", "(\"Status\" = 'Draft') = (\"Number\" IS NULL)");
                    table.ForeignKey(
                        name: "FK_Prescriptions_Appointments_TenantId_AppointmentId",
                        columns: x => new { x.TenantId, x.AppointmentId },
                        principalTable: "Appointments",
                        principalColumns: new[] { "TenantId", "Id" },
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Prescriptions_ClinicLocations_TenantId_ClinicLocationId",
                        columns: x => new { x.TenantId, x.ClinicLocationId },
                        principalTable: "ClinicLocations",
                        principalColumns: new[] { "TenantId", "Id" },
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Prescriptions_Consultations_TenantId_ConsultationId",
                        columns: x => new { x.TenantId, x.ConsultationId },
                        principalTable: "Consultations",
                        principalColumns: new[] { "TenantId", "Id" },
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Prescriptions_DoctorProfiles_TenantId_DoctorProfileId",
                        columns: x => new { x.TenantId, x.DoctorProfileId },
                        principalTable: "DoctorProfiles",
                        principalColumns: new[] { "TenantId", "Id" },
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Prescriptions_Patients_TenantId_PatientId",
                        columns: x => new { x.TenantId, x.PatientId },
                        principalTable: "Patients",
                        principalColumns: new[] { "TenantId", "Id" },
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Prescriptions_Tenants_TenantId",
                        column: x => x.TenantId,
                        principalTable: "Tenants",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "HiddenGlobalMedicines",
                columns: table => new
                {
                    TenantId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    GlobalMedicineId = table.Column<Guid>(type: "TEXT", nullable: false),
                    HiddenAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    HiddenByUserId = table.Column<Guid>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_HiddenGlobalMedicines", x => new { x.TenantId, x.Id });
                    table.ForeignKey(
                        name: "FK_HiddenGlobalMedicines_GlobalMedicines_GlobalMedicineId",
                        column: x => x.GlobalMedicineId,
                        principalTable: "GlobalMedicines",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_HiddenGlobalMedicines_Tenants_TenantId",
                        column: x => x.TenantId,
                        principalTable: "Tenants",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "MedicineUsage",
                columns: table => new
                {
                    TenantId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    GlobalMedicineId = table.Column<Guid>(type: "TEXT", nullable: true),
                    PracticeMedicineId = table.Column<Guid>(type: "TEXT", nullable: true),
                    TimesPrescribed = table.Column<int>(type: "INTEGER", nullable: false),
                    LastPrescribedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MedicineUsage", x => new { x.TenantId, x.Id });
                    table.CheckConstraint("CK_MedicineUsage_OneMedicine", "(\"GlobalMedicineId\" IS NULL) <> (\"PracticeMedicineId\" IS NULL)");
                    table.ForeignKey(
                        name: "FK_MedicineUsage_GlobalMedicines_GlobalMedicineId",
                        column: x => x.GlobalMedicineId,
                        principalTable: "GlobalMedicines",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_MedicineUsage_PracticeMedicines_TenantId_PracticeMedicineId",
                        columns: x => new { x.TenantId, x.PracticeMedicineId },
                        principalTable: "PracticeMedicines",
                        principalColumns: new[] { "TenantId", "Id" },
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_MedicineUsage_Tenants_TenantId",
                        column: x => x.TenantId,
                        principalTable: "Tenants",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ShortKeyLines",
                columns: table => new
                {
                    TenantId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ShortKeyId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Position = table.Column<int>(type: "INTEGER", nullable: false),
                    GlobalMedicineId = table.Column<Guid>(type: "TEXT", nullable: true),
                    PracticeMedicineId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Dose = table.Column<string>(type: "TEXT", maxLength: 60, nullable: true),
                    Frequency = table.Column<string>(type: "TEXT", maxLength: 60, nullable: true),
                    Duration = table.Column<string>(type: "TEXT", maxLength: 60, nullable: true),
                    Timing = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Instructions = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    Quantity = table.Column<int>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ShortKeyLines", x => new { x.TenantId, x.Id });
                    table.CheckConstraint("CK_ShortKeyLines_OneMedicine", "(\"GlobalMedicineId\" IS NULL) <> (\"PracticeMedicineId\" IS NULL)");
                    table.ForeignKey(
                        name: "FK_ShortKeyLines_GlobalMedicines_GlobalMedicineId",
                        column: x => x.GlobalMedicineId,
                        principalTable: "GlobalMedicines",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ShortKeyLines_PracticeMedicines_TenantId_PracticeMedicineId",
                        columns: x => new { x.TenantId, x.PracticeMedicineId },
                        principalTable: "PracticeMedicines",
                        principalColumns: new[] { "TenantId", "Id" },
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ShortKeyLines_ShortKeys_TenantId_ShortKeyId",
                        columns: x => new { x.TenantId, x.ShortKeyId },
                        principalTable: "ShortKeys",
                        principalColumns: new[] { "TenantId", "Id" },
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_ShortKeyLines_Tenants_TenantId",
                        column: x => x.TenantId,
                        principalTable: "Tenants",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "PrescriptionLines",
                columns: table => new
                {
                    TenantId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    PrescriptionId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Position = table.Column<int>(type: "INTEGER", nullable: false),
                    GlobalMedicineId = table.Column<Guid>(type: "TEXT", nullable: true),
                    PracticeMedicineId = table.Column<Guid>(type: "TEXT", nullable: true),
                    BrandName = table.Column<string>(type: "TEXT", maxLength: 120, nullable: false),
                    GenericName = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Strength = table.Column<string>(type: "TEXT", maxLength: 80, nullable: false),
                    DosageForm = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    DrugClass = table.Column<string>(type: "TEXT", maxLength: 80, nullable: false),
                    Dose = table.Column<string>(type: "TEXT", maxLength: 60, nullable: true),
                    Frequency = table.Column<string>(type: "TEXT", maxLength: 60, nullable: true),
                    Duration = table.Column<string>(type: "TEXT", maxLength: 60, nullable: true),
                    Timing = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Instructions = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    Quantity = table.Column<int>(type: "INTEGER", nullable: true),
                    ConfirmedWarning = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    WarningConfirmedByUserId = table.Column<Guid>(type: "TEXT", nullable: true),
                    WarningConfirmedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PrescriptionLines", x => new { x.TenantId, x.Id });
                    table.CheckConstraint("CK_PrescriptionLines_OneMedicine", "(\"GlobalMedicineId\" IS NULL) <> (\"PracticeMedicineId\" IS NULL)");
                    table.ForeignKey(
                        name: "FK_PrescriptionLines_GlobalMedicines_GlobalMedicineId",
                        column: x => x.GlobalMedicineId,
                        principalTable: "GlobalMedicines",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_PrescriptionLines_PracticeMedicines_TenantId_PracticeMedicineId",
                        columns: x => new { x.TenantId, x.PracticeMedicineId },
                        principalTable: "PracticeMedicines",
                        principalColumns: new[] { "TenantId", "Id" },
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_PrescriptionLines_Prescriptions_TenantId_PrescriptionId",
                        columns: x => new { x.TenantId, x.PrescriptionId },
                        principalTable: "Prescriptions",
                        principalColumns: new[] { "TenantId", "Id" },
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_PrescriptionLines_Tenants_TenantId",
                        column: x => x.TenantId,
                        principalTable: "Tenants",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Consultations_TenantId_AppointmentId",
                table: "Consultations",
                columns: new[] { "TenantId", "AppointmentId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Consultations_TenantId_DoctorProfileId",
                table: "Consultations",
                columns: new[] { "TenantId", "DoctorProfileId" });

            migrationBuilder.CreateIndex(
                name: "IX_Consultations_TenantId_PatientId_StartedAtUtc",
                table: "Consultations",
                columns: new[] { "TenantId", "PatientId", "StartedAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_HiddenGlobalMedicines_GlobalMedicineId",
                table: "HiddenGlobalMedicines",
                column: "GlobalMedicineId");

            migrationBuilder.CreateIndex(
                name: "IX_HiddenGlobalMedicines_TenantId_GlobalMedicineId",
                table: "HiddenGlobalMedicines",
                columns: new[] { "TenantId", "GlobalMedicineId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_MedicineUsage_GlobalMedicineId",
                table: "MedicineUsage",
                column: "GlobalMedicineId");

            migrationBuilder.CreateIndex(
                name: "IX_MedicineUsage_TenantId_GlobalMedicineId",
                table: "MedicineUsage",
                columns: new[] { "TenantId", "GlobalMedicineId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_MedicineUsage_TenantId_PracticeMedicineId",
                table: "MedicineUsage",
                columns: new[] { "TenantId", "PracticeMedicineId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_PracticeMedicines_TenantId_BrandName_Strength_DosageForm",
                table: "PracticeMedicines",
                columns: new[] { "TenantId", "BrandName", "Strength", "DosageForm" });

            migrationBuilder.CreateIndex(
                name: "IX_PrescriptionLines_GlobalMedicineId",
                table: "PrescriptionLines",
                column: "GlobalMedicineId");

            migrationBuilder.CreateIndex(
                name: "IX_PrescriptionLines_TenantId_PracticeMedicineId",
                table: "PrescriptionLines",
                columns: new[] { "TenantId", "PracticeMedicineId" });

            migrationBuilder.CreateIndex(
                name: "IX_PrescriptionLines_TenantId_PrescriptionId_Position",
                table: "PrescriptionLines",
                columns: new[] { "TenantId", "PrescriptionId", "Position" });

            migrationBuilder.CreateIndex(
                name: "IX_Prescriptions_TenantId_AppointmentId",
                table: "Prescriptions",
                columns: new[] { "TenantId", "AppointmentId" });

            migrationBuilder.CreateIndex(
                name: "IX_Prescriptions_TenantId_ClinicLocationId",
                table: "Prescriptions",
                columns: new[] { "TenantId", "ClinicLocationId" });

            migrationBuilder.CreateIndex(
                name: "IX_Prescriptions_TenantId_ConsultationId",
                table: "Prescriptions",
                columns: new[] { "TenantId", "ConsultationId" });

            migrationBuilder.CreateIndex(
                name: "IX_Prescriptions_TenantId_CreatedAtUtc",
                table: "Prescriptions",
                columns: new[] { "TenantId", "CreatedAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_Prescriptions_TenantId_DoctorProfileId_CreatedAtUtc",
                table: "Prescriptions",
                columns: new[] { "TenantId", "DoctorProfileId", "CreatedAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_Prescriptions_TenantId_Number_VersionNumber",
                table: "Prescriptions",
                columns: new[] { "TenantId", "Number", "VersionNumber" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Prescriptions_TenantId_PatientId_CreatedAtUtc",
                table: "Prescriptions",
                columns: new[] { "TenantId", "PatientId", "CreatedAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_PrintSettings_TenantId_ClinicLocationId",
                table: "PrintSettings",
                columns: new[] { "TenantId", "ClinicLocationId" });

            migrationBuilder.CreateIndex(
                name: "IX_PrintSettings_TenantId_DoctorProfileId",
                table: "PrintSettings",
                columns: new[] { "TenantId", "DoctorProfileId" });

            migrationBuilder.CreateIndex(
                name: "IX_PrintSettings_TenantId_ScopeKey",
                table: "PrintSettings",
                columns: new[] { "TenantId", "ScopeKey" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ShortKeyLines_GlobalMedicineId",
                table: "ShortKeyLines",
                column: "GlobalMedicineId");

            migrationBuilder.CreateIndex(
                name: "IX_ShortKeyLines_TenantId_PracticeMedicineId",
                table: "ShortKeyLines",
                columns: new[] { "TenantId", "PracticeMedicineId" });

            migrationBuilder.CreateIndex(
                name: "IX_ShortKeyLines_TenantId_ShortKeyId_Position",
                table: "ShortKeyLines",
                columns: new[] { "TenantId", "ShortKeyId", "Position" });

            migrationBuilder.CreateIndex(
                name: "IX_ShortKeys_TenantId_Code",
                table: "ShortKeys",
                columns: new[] { "TenantId", "Code" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "HiddenGlobalMedicines");

            migrationBuilder.DropTable(
                name: "MedicineUsage");

            migrationBuilder.DropTable(
                name: "PrescriptionLines");

            migrationBuilder.DropTable(
                name: "PrintSettings");

            migrationBuilder.DropTable(
                name: "ShortKeyLines");

            migrationBuilder.DropTable(
                name: "Prescriptions");

            migrationBuilder.DropTable(
                name: "GlobalMedicines");

            migrationBuilder.DropTable(
                name: "PracticeMedicines");

            migrationBuilder.DropTable(
                name: "ShortKeys");

            migrationBuilder.DropTable(
                name: "Consultations");

            migrationBuilder.DropColumn(
                name: "SignatureFileId",
                table: "DoctorProfiles");
        }
    }
}
