using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MedicalApp.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class DentalRecords : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "CaseStudies",
                columns: table => new
                {
                    TenantId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    PatientId = table.Column<Guid>(type: "TEXT", nullable: false),
                    DoctorProfileId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Summary = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: true),
                    InitialDiagnosis = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: true),
                    TreatmentGoals = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: true),
                    TreatmentSummary = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: true),
                    ProceduresPerformed = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: true),
                    Outcome = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: true),
                    SuccessMeasures = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: true),
                    Narrative = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: true),
                    Status = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    GeneratedBy = table.Column<string>(type: "TEXT", maxLength: 120, nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    CreatedByUserId = table.Column<Guid>(type: "TEXT", nullable: true),
                    UpdatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CaseStudies", x => new { x.TenantId, x.Id });
                    table.ForeignKey(
                        name: "FK_CaseStudies_DoctorProfiles_TenantId_DoctorProfileId",
                        columns: x => new { x.TenantId, x.DoctorProfileId },
                        principalTable: "DoctorProfiles",
                        principalColumns: new[] { "TenantId", "Id" },
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_CaseStudies_Patients_TenantId_PatientId",
                        columns: x => new { x.TenantId, x.PatientId },
                        principalTable: "Patients",
                        principalColumns: new[] { "TenantId", "Id" },
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_CaseStudies_Tenants_TenantId",
                        column: x => x.TenantId,
                        principalTable: "Tenants",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "CaseStudyGeneratorSettings",
                columns: table => new
                {
                    TenantId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Enabled = table.Column<bool>(type: "INTEGER", nullable: false),
                    EndpointUrl = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    Model = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    ProtectedApiKey = table.Column<string>(type: "TEXT", nullable: true),
                    ShareIdentity = table.Column<bool>(type: "INTEGER", nullable: false),
                    UpdatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedByUserId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CaseStudyGeneratorSettings", x => new { x.TenantId, x.Id });
                    table.ForeignKey(
                        name: "FK_CaseStudyGeneratorSettings_Tenants_TenantId",
                        column: x => x.TenantId,
                        principalTable: "Tenants",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "DentalCharts",
                columns: table => new
                {
                    TenantId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    PatientId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Dentition = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    UpdatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedByUserId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DentalCharts", x => new { x.TenantId, x.Id });
                    table.ForeignKey(
                        name: "FK_DentalCharts_Patients_TenantId_PatientId",
                        columns: x => new { x.TenantId, x.PatientId },
                        principalTable: "Patients",
                        principalColumns: new[] { "TenantId", "Id" },
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_DentalCharts_Tenants_TenantId",
                        column: x => x.TenantId,
                        principalTable: "Tenants",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "DentalNoteTemplates",
                columns: table => new
                {
                    TenantId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Condition = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    Surfaces = table.Column<int>(type: "INTEGER", nullable: true),
                    Severity = table.Column<string>(type: "TEXT", maxLength: 10, nullable: true),
                    Text = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    ShortCode = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    OwnerDoctorProfileId = table.Column<Guid>(type: "TEXT", nullable: true),
                    DisplayOrder = table.Column<int>(type: "INTEGER", nullable: false),
                    CreatedByUserId = table.Column<Guid>(type: "TEXT", nullable: true),
                    CreatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DentalNoteTemplates", x => new { x.TenantId, x.Id });
                    table.ForeignKey(
                        name: "FK_DentalNoteTemplates_DoctorProfiles_TenantId_OwnerDoctorProfileId",
                        columns: x => new { x.TenantId, x.OwnerDoctorProfileId },
                        principalTable: "DoctorProfiles",
                        principalColumns: new[] { "TenantId", "Id" },
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_DentalNoteTemplates_Tenants_TenantId",
                        column: x => x.TenantId,
                        principalTable: "Tenants",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "DentalObservations",
                columns: table => new
                {
                    TenantId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    PatientId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ConsultationId = table.Column<Guid>(type: "TEXT", nullable: true),
                    DoctorProfileId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Tooth = table.Column<int>(type: "INTEGER", nullable: false),
                    Surfaces = table.Column<int>(type: "INTEGER", nullable: false),
                    Condition = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Severity = table.Column<string>(type: "TEXT", maxLength: 10, nullable: true),
                    Notes = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    TreatmentRequired = table.Column<bool>(type: "INTEGER", nullable: false),
                    TreatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    RecordedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    RecordedByUserId = table.Column<Guid>(type: "TEXT", nullable: true),
                    UpdatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DentalObservations", x => new { x.TenantId, x.Id });
                    table.CheckConstraint("CK_DentalObservations_FdiTooth", "(\"Tooth\" / 10 BETWEEN 1 AND 4 AND \"Tooth\" % 10 BETWEEN 1 AND 8) OR (\"Tooth\" / 10 BETWEEN 5 AND 8 AND \"Tooth\" % 10 BETWEEN 1 AND 5)");
                    table.ForeignKey(
                        name: "FK_DentalObservations_Consultations_TenantId_ConsultationId",
                        columns: x => new { x.TenantId, x.ConsultationId },
                        principalTable: "Consultations",
                        principalColumns: new[] { "TenantId", "Id" },
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_DentalObservations_DoctorProfiles_TenantId_DoctorProfileId",
                        columns: x => new { x.TenantId, x.DoctorProfileId },
                        principalTable: "DoctorProfiles",
                        principalColumns: new[] { "TenantId", "Id" },
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_DentalObservations_Patients_TenantId_PatientId",
                        columns: x => new { x.TenantId, x.PatientId },
                        principalTable: "Patients",
                        principalColumns: new[] { "TenantId", "Id" },
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_DentalObservations_Tenants_TenantId",
                        column: x => x.TenantId,
                        principalTable: "Tenants",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "DentalPrices",
                columns: table => new
                {
                    TenantId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Code = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Price = table.Column<decimal>(type: "TEXT", precision: 10, scale: 2, nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DentalPrices", x => new { x.TenantId, x.Id });
                    table.CheckConstraint("CK_DentalPrices_Price", "\"Price\" >= 0");
                    table.ForeignKey(
                        name: "FK_DentalPrices_Tenants_TenantId",
                        column: x => x.TenantId,
                        principalTable: "Tenants",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "TreatmentPlans",
                columns: table => new
                {
                    TenantId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    PatientId = table.Column<Guid>(type: "TEXT", nullable: false),
                    DoctorProfileId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Notes = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    Status = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    DecidedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    DecisionRecordedByUserId = table.Column<Guid>(type: "TEXT", nullable: true),
                    DecisionNote = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    CreatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    CreatedByUserId = table.Column<Guid>(type: "TEXT", nullable: true),
                    UpdatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TreatmentPlans", x => new { x.TenantId, x.Id });
                    table.ForeignKey(
                        name: "FK_TreatmentPlans_DoctorProfiles_TenantId_DoctorProfileId",
                        columns: x => new { x.TenantId, x.DoctorProfileId },
                        principalTable: "DoctorProfiles",
                        principalColumns: new[] { "TenantId", "Id" },
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_TreatmentPlans_Patients_TenantId_PatientId",
                        columns: x => new { x.TenantId, x.PatientId },
                        principalTable: "Patients",
                        principalColumns: new[] { "TenantId", "Id" },
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_TreatmentPlans_Tenants_TenantId",
                        column: x => x.TenantId,
                        principalTable: "Tenants",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "CaseStudyRevisions",
                columns: table => new
                {
                    TenantId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    CaseStudyId = table.Column<Guid>(type: "TEXT", nullable: false),
                    RevisionNumber = table.Column<int>(type: "INTEGER", nullable: false),
                    SectionsJson = table.Column<string>(type: "TEXT", nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    SavedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    SavedByUserId = table.Column<Guid>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CaseStudyRevisions", x => new { x.TenantId, x.Id });
                    table.ForeignKey(
                        name: "FK_CaseStudyRevisions_CaseStudies_TenantId_CaseStudyId",
                        columns: x => new { x.TenantId, x.CaseStudyId },
                        principalTable: "CaseStudies",
                        principalColumns: new[] { "TenantId", "Id" },
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_CaseStudyRevisions_Tenants_TenantId",
                        column: x => x.TenantId,
                        principalTable: "Tenants",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "CaseStudySources",
                columns: table => new
                {
                    TenantId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    CaseStudyId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    SourceId = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CaseStudySources", x => new { x.TenantId, x.Id });
                    table.ForeignKey(
                        name: "FK_CaseStudySources_CaseStudies_TenantId_CaseStudyId",
                        columns: x => new { x.TenantId, x.CaseStudyId },
                        principalTable: "CaseStudies",
                        principalColumns: new[] { "TenantId", "Id" },
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_CaseStudySources_Tenants_TenantId",
                        column: x => x.TenantId,
                        principalTable: "Tenants",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "TreatmentPlanPhases",
                columns: table => new
                {
                    TenantId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    TreatmentPlanId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Position = table.Column<int>(type: "INTEGER", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 120, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TreatmentPlanPhases", x => new { x.TenantId, x.Id });
                    table.ForeignKey(
                        name: "FK_TreatmentPlanPhases_Tenants_TenantId",
                        column: x => x.TenantId,
                        principalTable: "Tenants",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_TreatmentPlanPhases_TreatmentPlans_TenantId_TreatmentPlanId",
                        columns: x => new { x.TenantId, x.TreatmentPlanId },
                        principalTable: "TreatmentPlans",
                        principalColumns: new[] { "TenantId", "Id" },
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "DentalProcedures",
                columns: table => new
                {
                    TenantId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    PatientId = table.Column<Guid>(type: "TEXT", nullable: false),
                    DoctorProfileId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ConsultationId = table.Column<Guid>(type: "TEXT", nullable: true),
                    CompletedInConsultationId = table.Column<Guid>(type: "TEXT", nullable: true),
                    TreatmentPlanPhaseId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Code = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    EstimatedCost = table.Column<decimal>(type: "TEXT", precision: 10, scale: 2, nullable: false),
                    ActualCost = table.Column<decimal>(type: "TEXT", precision: 10, scale: 2, nullable: true),
                    PlannedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Status = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    Notes = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    CompletedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    CancellationReason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    CreatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    CreatedByUserId = table.Column<Guid>(type: "TEXT", nullable: true),
                    UpdatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DentalProcedures", x => new { x.TenantId, x.Id });
                    table.CheckConstraint("CK_DentalProcedures_CompletedOn", "(\"Status\" = 'Completed') = (\"CompletedOn\" IS NOT NULL)");
                    table.CheckConstraint("CK_DentalProcedures_Costs", "\"EstimatedCost\" >= 0 AND (\"ActualCost\" IS NULL OR \"ActualCost\" >= 0)");
                    table.ForeignKey(
                        name: "FK_DentalProcedures_Consultations_TenantId_CompletedInConsultationId",
                        columns: x => new { x.TenantId, x.CompletedInConsultationId },
                        principalTable: "Consultations",
                        principalColumns: new[] { "TenantId", "Id" },
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_DentalProcedures_Consultations_TenantId_ConsultationId",
                        columns: x => new { x.TenantId, x.ConsultationId },
                        principalTable: "Consultations",
                        principalColumns: new[] { "TenantId", "Id" },
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_DentalProcedures_DoctorProfiles_TenantId_DoctorProfileId",
                        columns: x => new { x.TenantId, x.DoctorProfileId },
                        principalTable: "DoctorProfiles",
                        principalColumns: new[] { "TenantId", "Id" },
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_DentalProcedures_Patients_TenantId_PatientId",
                        columns: x => new { x.TenantId, x.PatientId },
                        principalTable: "Patients",
                        principalColumns: new[] { "TenantId", "Id" },
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_DentalProcedures_Tenants_TenantId",
                        column: x => x.TenantId,
                        principalTable: "Tenants",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_DentalProcedures_TreatmentPlanPhases_TenantId_TreatmentPlanPhaseId",
                        columns: x => new { x.TenantId, x.TreatmentPlanPhaseId },
                        principalTable: "TreatmentPlanPhases",
                        principalColumns: new[] { "TenantId", "Id" },
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "DentalAttachments",
                columns: table => new
                {
                    TenantId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    PatientId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ObservationId = table.Column<Guid>(type: "TEXT", nullable: true),
                    ProcedureId = table.Column<Guid>(type: "TEXT", nullable: true),
                    ConsultationId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    Format = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    StoredFileId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ThumbnailFileId = table.Column<Guid>(type: "TEXT", nullable: true),
                    FileName = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                    SizeBytes = table.Column<long>(type: "INTEGER", nullable: false),
                    Caption = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    TakenOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    UploadedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UploadedByUserId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DentalAttachments", x => new { x.TenantId, x.Id });
                    table.CheckConstraint("CK_DentalAttachments_ExactlyOneOwner", "(CASE WHEN \"ObservationId\" IS NULL THEN 0 ELSE 1 END) + (CASE WHEN \"ProcedureId\" IS NULL THEN 0 ELSE 1 END) + (CASE WHEN \"ConsultationId\" IS NULL THEN 0 ELSE 1 END) = 1");
                    table.ForeignKey(
                        name: "FK_DentalAttachments_Consultations_TenantId_ConsultationId",
                        columns: x => new { x.TenantId, x.ConsultationId },
                        principalTable: "Consultations",
                        principalColumns: new[] { "TenantId", "Id" },
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_DentalAttachments_DentalObservations_TenantId_ObservationId",
                        columns: x => new { x.TenantId, x.ObservationId },
                        principalTable: "DentalObservations",
                        principalColumns: new[] { "TenantId", "Id" },
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_DentalAttachments_DentalProcedures_TenantId_ProcedureId",
                        columns: x => new { x.TenantId, x.ProcedureId },
                        principalTable: "DentalProcedures",
                        principalColumns: new[] { "TenantId", "Id" },
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_DentalAttachments_Patients_TenantId_PatientId",
                        columns: x => new { x.TenantId, x.PatientId },
                        principalTable: "Patients",
                        principalColumns: new[] { "TenantId", "Id" },
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_DentalAttachments_StoredFiles_TenantId_StoredFileId",
                        columns: x => new { x.TenantId, x.StoredFileId },
                        principalTable: "StoredFiles",
                        principalColumns: new[] { "TenantId", "Id" },
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_DentalAttachments_StoredFiles_TenantId_ThumbnailFileId",
                        columns: x => new { x.TenantId, x.ThumbnailFileId },
                        principalTable: "StoredFiles",
                        principalColumns: new[] { "TenantId", "Id" },
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_DentalAttachments_Tenants_TenantId",
                        column: x => x.TenantId,
                        principalTable: "Tenants",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "DentalProcedureEvents",
                columns: table => new
                {
                    TenantId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ProcedureId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    FromStatus = table.Column<string>(type: "TEXT", maxLength: 12, nullable: true),
                    ToStatus = table.Column<string>(type: "TEXT", maxLength: 12, nullable: true),
                    FromDate = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    ToDate = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Note = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    AtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ByUserId = table.Column<Guid>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DentalProcedureEvents", x => new { x.TenantId, x.Id });
                    table.ForeignKey(
                        name: "FK_DentalProcedureEvents_DentalProcedures_TenantId_ProcedureId",
                        columns: x => new { x.TenantId, x.ProcedureId },
                        principalTable: "DentalProcedures",
                        principalColumns: new[] { "TenantId", "Id" },
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_DentalProcedureEvents_Tenants_TenantId",
                        column: x => x.TenantId,
                        principalTable: "Tenants",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "DentalProcedureObservations",
                columns: table => new
                {
                    TenantId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ProcedureId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ObservationId = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DentalProcedureObservations", x => new { x.TenantId, x.Id });
                    table.ForeignKey(
                        name: "FK_DentalProcedureObservations_DentalObservations_TenantId_ObservationId",
                        columns: x => new { x.TenantId, x.ObservationId },
                        principalTable: "DentalObservations",
                        principalColumns: new[] { "TenantId", "Id" },
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_DentalProcedureObservations_DentalProcedures_TenantId_ProcedureId",
                        columns: x => new { x.TenantId, x.ProcedureId },
                        principalTable: "DentalProcedures",
                        principalColumns: new[] { "TenantId", "Id" },
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_DentalProcedureObservations_Tenants_TenantId",
                        column: x => x.TenantId,
                        principalTable: "Tenants",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "DentalProcedureTeeth",
                columns: table => new
                {
                    TenantId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ProcedureId = table.Column<Guid>(type: "TEXT", nullable: false),
                    PatientId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Tooth = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DentalProcedureTeeth", x => new { x.TenantId, x.Id });
                    table.CheckConstraint("CK_DentalProcedureTeeth_FdiTooth", "(\"Tooth\" / 10 BETWEEN 1 AND 4 AND \"Tooth\" % 10 BETWEEN 1 AND 8) OR (\"Tooth\" / 10 BETWEEN 5 AND 8 AND \"Tooth\" % 10 BETWEEN 1 AND 5)");
                    table.ForeignKey(
                        name: "FK_DentalProcedureTeeth_DentalProcedures_TenantId_ProcedureId",
                        columns: x => new { x.TenantId, x.ProcedureId },
                        principalTable: "DentalProcedures",
                        principalColumns: new[] { "TenantId", "Id" },
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_DentalProcedureTeeth_Tenants_TenantId",
                        column: x => x.TenantId,
                        principalTable: "Tenants",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_CaseStudies_TenantId_DoctorProfileId",
                table: "CaseStudies",
                columns: new[] { "TenantId", "DoctorProfileId" });

            migrationBuilder.CreateIndex(
                name: "IX_CaseStudies_TenantId_PatientId_CreatedAtUtc",
                table: "CaseStudies",
                columns: new[] { "TenantId", "PatientId", "CreatedAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_CaseStudyGeneratorSettings_TenantId",
                table: "CaseStudyGeneratorSettings",
                column: "TenantId");

            migrationBuilder.CreateIndex(
                name: "IX_CaseStudyRevisions_TenantId_CaseStudyId_RevisionNumber",
                table: "CaseStudyRevisions",
                columns: new[] { "TenantId", "CaseStudyId", "RevisionNumber" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_CaseStudySources_TenantId_CaseStudyId_Kind_SourceId",
                table: "CaseStudySources",
                columns: new[] { "TenantId", "CaseStudyId", "Kind", "SourceId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_DentalAttachments_TenantId_ConsultationId",
                table: "DentalAttachments",
                columns: new[] { "TenantId", "ConsultationId" });

            migrationBuilder.CreateIndex(
                name: "IX_DentalAttachments_TenantId_ObservationId",
                table: "DentalAttachments",
                columns: new[] { "TenantId", "ObservationId" });

            migrationBuilder.CreateIndex(
                name: "IX_DentalAttachments_TenantId_PatientId_UploadedAtUtc",
                table: "DentalAttachments",
                columns: new[] { "TenantId", "PatientId", "UploadedAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_DentalAttachments_TenantId_ProcedureId",
                table: "DentalAttachments",
                columns: new[] { "TenantId", "ProcedureId" });

            migrationBuilder.CreateIndex(
                name: "IX_DentalAttachments_TenantId_StoredFileId",
                table: "DentalAttachments",
                columns: new[] { "TenantId", "StoredFileId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_DentalAttachments_TenantId_ThumbnailFileId",
                table: "DentalAttachments",
                columns: new[] { "TenantId", "ThumbnailFileId" });

            migrationBuilder.CreateIndex(
                name: "IX_DentalCharts_TenantId_PatientId",
                table: "DentalCharts",
                columns: new[] { "TenantId", "PatientId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_DentalNoteTemplates_TenantId_Condition",
                table: "DentalNoteTemplates",
                columns: new[] { "TenantId", "Condition" });

            migrationBuilder.CreateIndex(
                name: "IX_DentalNoteTemplates_TenantId_OwnerDoctorProfileId",
                table: "DentalNoteTemplates",
                columns: new[] { "TenantId", "OwnerDoctorProfileId" });

            migrationBuilder.CreateIndex(
                name: "IX_DentalNoteTemplates_TenantId_ShortCode",
                table: "DentalNoteTemplates",
                columns: new[] { "TenantId", "ShortCode" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_DentalObservations_TenantId_Condition",
                table: "DentalObservations",
                columns: new[] { "TenantId", "Condition" });

            migrationBuilder.CreateIndex(
                name: "IX_DentalObservations_TenantId_ConsultationId",
                table: "DentalObservations",
                columns: new[] { "TenantId", "ConsultationId" });

            migrationBuilder.CreateIndex(
                name: "IX_DentalObservations_TenantId_DoctorProfileId",
                table: "DentalObservations",
                columns: new[] { "TenantId", "DoctorProfileId" });

            migrationBuilder.CreateIndex(
                name: "IX_DentalObservations_TenantId_PatientId_Tooth_RecordedAtUtc",
                table: "DentalObservations",
                columns: new[] { "TenantId", "PatientId", "Tooth", "RecordedAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_DentalPrices_TenantId_Code",
                table: "DentalPrices",
                columns: new[] { "TenantId", "Code" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_DentalProcedureEvents_TenantId_ProcedureId_AtUtc",
                table: "DentalProcedureEvents",
                columns: new[] { "TenantId", "ProcedureId", "AtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_DentalProcedureObservations_TenantId_ObservationId",
                table: "DentalProcedureObservations",
                columns: new[] { "TenantId", "ObservationId" });

            migrationBuilder.CreateIndex(
                name: "IX_DentalProcedureObservations_TenantId_ProcedureId_ObservationId",
                table: "DentalProcedureObservations",
                columns: new[] { "TenantId", "ProcedureId", "ObservationId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_DentalProcedures_TenantId_CompletedInConsultationId",
                table: "DentalProcedures",
                columns: new[] { "TenantId", "CompletedInConsultationId" });

            migrationBuilder.CreateIndex(
                name: "IX_DentalProcedures_TenantId_ConsultationId",
                table: "DentalProcedures",
                columns: new[] { "TenantId", "ConsultationId" });

            migrationBuilder.CreateIndex(
                name: "IX_DentalProcedures_TenantId_DoctorProfileId_PlannedOn",
                table: "DentalProcedures",
                columns: new[] { "TenantId", "DoctorProfileId", "PlannedOn" });

            migrationBuilder.CreateIndex(
                name: "IX_DentalProcedures_TenantId_PatientId_Status",
                table: "DentalProcedures",
                columns: new[] { "TenantId", "PatientId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_DentalProcedures_TenantId_Status_PlannedOn",
                table: "DentalProcedures",
                columns: new[] { "TenantId", "Status", "PlannedOn" });

            migrationBuilder.CreateIndex(
                name: "IX_DentalProcedures_TenantId_TreatmentPlanPhaseId",
                table: "DentalProcedures",
                columns: new[] { "TenantId", "TreatmentPlanPhaseId" });

            migrationBuilder.CreateIndex(
                name: "IX_DentalProcedureTeeth_TenantId_PatientId_Tooth",
                table: "DentalProcedureTeeth",
                columns: new[] { "TenantId", "PatientId", "Tooth" });

            migrationBuilder.CreateIndex(
                name: "IX_DentalProcedureTeeth_TenantId_ProcedureId_Tooth",
                table: "DentalProcedureTeeth",
                columns: new[] { "TenantId", "ProcedureId", "Tooth" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_TreatmentPlanPhases_TenantId_TreatmentPlanId_Position",
                table: "TreatmentPlanPhases",
                columns: new[] { "TenantId", "TreatmentPlanId", "Position" });

            migrationBuilder.CreateIndex(
                name: "IX_TreatmentPlans_TenantId_DoctorProfileId",
                table: "TreatmentPlans",
                columns: new[] { "TenantId", "DoctorProfileId" });

            migrationBuilder.CreateIndex(
                name: "IX_TreatmentPlans_TenantId_PatientId_CreatedAtUtc",
                table: "TreatmentPlans",
                columns: new[] { "TenantId", "PatientId", "CreatedAtUtc" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "CaseStudyGeneratorSettings");

            migrationBuilder.DropTable(
                name: "CaseStudyRevisions");

            migrationBuilder.DropTable(
                name: "CaseStudySources");

            migrationBuilder.DropTable(
                name: "DentalAttachments");

            migrationBuilder.DropTable(
                name: "DentalCharts");

            migrationBuilder.DropTable(
                name: "DentalNoteTemplates");

            migrationBuilder.DropTable(
                name: "DentalPrices");

            migrationBuilder.DropTable(
                name: "DentalProcedureEvents");

            migrationBuilder.DropTable(
                name: "DentalProcedureObservations");

            migrationBuilder.DropTable(
                name: "DentalProcedureTeeth");

            migrationBuilder.DropTable(
                name: "CaseStudies");

            migrationBuilder.DropTable(
                name: "DentalObservations");

            migrationBuilder.DropTable(
                name: "DentalProcedures");

            migrationBuilder.DropTable(
                name: "TreatmentPlanPhases");

            migrationBuilder.DropTable(
                name: "TreatmentPlans");
        }
    }
}
