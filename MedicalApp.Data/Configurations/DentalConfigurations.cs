using MedicalApp.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MedicalApp.Data.Configurations;

internal sealed class DentalChartConfiguration : IEntityTypeConfiguration<DentalChart>
{
    public void Configure(EntityTypeBuilder<DentalChart> builder)
    {
        builder.ToTable("DentalCharts");
        builder.Property(c => c.Dentition).HasConversion<string>().HasMaxLength(12);
        builder.HasOne<Patient>().WithMany().HasForeignKey(c => new { c.TenantId, c.PatientId }).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(c => new { c.TenantId, c.PatientId }).IsUnique();
    }
}

internal sealed class DentalObservationConfiguration : IEntityTypeConfiguration<DentalObservation>
{
    public void Configure(EntityTypeBuilder<DentalObservation> builder)
    {
        builder.ToTable("DentalObservations", t => t.HasCheckConstraint("CK_DentalObservations_FdiTooth", DentalColumns.FdiToothCheck("Tooth")));
        builder.Property(o => o.Condition).HasConversion<string>().HasMaxLength(20);
        builder.Property(o => o.Severity).HasConversion<string>().HasMaxLength(10);
        builder.Property(o => o.Notes).HasMaxLength(2000);
        builder.HasOne<Patient>().WithMany().HasForeignKey(o => new { o.TenantId, o.PatientId }).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Consultation>().WithMany().HasForeignKey(o => new { o.TenantId, o.ConsultationId }).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<DoctorProfile>().WithMany().HasForeignKey(o => new { o.TenantId, o.DoctorProfileId }).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(o => new { o.TenantId, o.PatientId, o.Tooth, o.RecordedAtUtc });
        builder.HasIndex(o => new { o.TenantId, o.ConsultationId });
        builder.HasIndex(o => new { o.TenantId, o.Condition });
    }
}

internal sealed class DentalNoteTemplateConfiguration : IEntityTypeConfiguration<DentalNoteTemplate>
{
    public void Configure(EntityTypeBuilder<DentalNoteTemplate> builder)
    {
        builder.ToTable("DentalNoteTemplates");
        builder.Property(t => t.Condition).HasConversion<string>().HasMaxLength(20);
        builder.Property(t => t.Severity).HasConversion<string>().HasMaxLength(10);
        builder.Property(t => t.Text).HasMaxLength(500).IsRequired();
        builder.Property(t => t.ShortCode).HasMaxLength(20);
        builder.HasOne<DoctorProfile>().WithMany().HasForeignKey(t => new { t.TenantId, t.OwnerDoctorProfileId }).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(t => new { t.TenantId, t.ShortCode }).IsUnique();
        builder.HasIndex(t => new { t.TenantId, t.Condition });
    }
}

internal sealed class DentalProcedureConfiguration : IEntityTypeConfiguration<DentalProcedure>
{
    public void Configure(EntityTypeBuilder<DentalProcedure> builder)
    {
        builder.ToTable("DentalProcedures", t =>
        {
            t.HasCheckConstraint("CK_DentalProcedures_Costs", "\"EstimatedCost\" >= 0 AND (\"ActualCost\" IS NULL OR \"ActualCost\" >= 0)");
            t.HasCheckConstraint("CK_DentalProcedures_CompletedOn", "(\"Status\" = 'Completed') = (\"CompletedOn\" IS NOT NULL)");
        });
        builder.Property(p => p.Code).HasMaxLength(20).IsRequired();
        builder.Property(p => p.Name).HasMaxLength(200).IsRequired();
        builder.Property(p => p.Status).HasConversion<string>().HasMaxLength(12);
        builder.Property(p => p.EstimatedCost).HasPrecision(10, 2);
        builder.Property(p => p.ActualCost).HasPrecision(10, 2);
        builder.Property(p => p.Notes).HasMaxLength(2000);
        builder.Property(p => p.CancellationReason).HasMaxLength(500);
        builder.HasOne<Patient>().WithMany().HasForeignKey(p => new { p.TenantId, p.PatientId }).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<DoctorProfile>().WithMany().HasForeignKey(p => new { p.TenantId, p.DoctorProfileId }).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Consultation>().WithMany().HasForeignKey(p => new { p.TenantId, p.ConsultationId }).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Consultation>().WithMany().HasForeignKey(p => new { p.TenantId, p.CompletedInConsultationId }).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<TreatmentPlanPhase>().WithMany().HasForeignKey(p => new { p.TenantId, p.TreatmentPlanPhaseId }).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(p => p.Teeth).WithOne().HasForeignKey(t => new { t.TenantId, t.ProcedureId }).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(p => new { p.TenantId, p.PatientId, p.Status });
        builder.HasIndex(p => new { p.TenantId, p.DoctorProfileId, p.PlannedOn });
        builder.HasIndex(p => new { p.TenantId, p.Status, p.PlannedOn });
    }
}

internal sealed class DentalProcedureToothConfiguration : IEntityTypeConfiguration<DentalProcedureTooth>
{
    public void Configure(EntityTypeBuilder<DentalProcedureTooth> builder)
    {
        builder.ToTable("DentalProcedureTeeth", t => t.HasCheckConstraint("CK_DentalProcedureTeeth_FdiTooth", DentalColumns.FdiToothCheck("Tooth")));
        builder.HasIndex(t => new { t.TenantId, t.ProcedureId, t.Tooth }).IsUnique();
        builder.HasIndex(t => new { t.TenantId, t.PatientId, t.Tooth });
    }
}

internal sealed class DentalProcedureObservationConfiguration : IEntityTypeConfiguration<DentalProcedureObservation>
{
    public void Configure(EntityTypeBuilder<DentalProcedureObservation> builder)
    {
        builder.ToTable("DentalProcedureObservations");
        builder.HasOne<DentalProcedure>().WithMany().HasForeignKey(j => new { j.TenantId, j.ProcedureId }).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<DentalObservation>().WithMany().HasForeignKey(j => new { j.TenantId, j.ObservationId }).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(j => new { j.TenantId, j.ProcedureId, j.ObservationId }).IsUnique();
        builder.HasIndex(j => new { j.TenantId, j.ObservationId });
    }
}

internal sealed class DentalProcedureEventConfiguration : IEntityTypeConfiguration<DentalProcedureEvent>
{
    public void Configure(EntityTypeBuilder<DentalProcedureEvent> builder)
    {
        builder.ToTable("DentalProcedureEvents");
        builder.Property(e => e.Kind).HasConversion<string>().HasMaxLength(16);
        builder.Property(e => e.FromStatus).HasConversion<string>().HasMaxLength(12);
        builder.Property(e => e.ToStatus).HasConversion<string>().HasMaxLength(12);
        builder.Property(e => e.Note).HasMaxLength(500);
        builder.HasOne<DentalProcedure>().WithMany().HasForeignKey(e => new { e.TenantId, e.ProcedureId }).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(e => new { e.TenantId, e.ProcedureId, e.AtUtc });
    }
}

internal sealed class DentalPriceConfiguration : IEntityTypeConfiguration<DentalPrice>
{
    public void Configure(EntityTypeBuilder<DentalPrice> builder)
    {
        builder.ToTable("DentalPrices", t => t.HasCheckConstraint("CK_DentalPrices_Price", "\"Price\" >= 0"));
        builder.Property(p => p.Code).HasMaxLength(20).IsRequired();
        builder.Property(p => p.Price).HasPrecision(10, 2);
        builder.HasIndex(p => new { p.TenantId, p.Code }).IsUnique();
    }
}

internal sealed class TreatmentPlanConfiguration : IEntityTypeConfiguration<TreatmentPlan>
{
    public void Configure(EntityTypeBuilder<TreatmentPlan> builder)
    {
        builder.ToTable("TreatmentPlans");
        builder.Property(p => p.Title).HasMaxLength(200).IsRequired();
        builder.Property(p => p.Notes).HasMaxLength(2000);
        builder.Property(p => p.Status).HasConversion<string>().HasMaxLength(10);
        builder.Property(p => p.DecisionNote).HasMaxLength(500);
        builder.HasOne<Patient>().WithMany().HasForeignKey(p => new { p.TenantId, p.PatientId }).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<DoctorProfile>().WithMany().HasForeignKey(p => new { p.TenantId, p.DoctorProfileId }).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(p => p.Phases).WithOne().HasForeignKey(ph => new { ph.TenantId, ph.TreatmentPlanId }).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(p => new { p.TenantId, p.PatientId, p.CreatedAtUtc });
    }
}

internal sealed class TreatmentPlanPhaseConfiguration : IEntityTypeConfiguration<TreatmentPlanPhase>
{
    public void Configure(EntityTypeBuilder<TreatmentPlanPhase> builder)
    {
        builder.ToTable("TreatmentPlanPhases");
        builder.Property(p => p.Name).HasMaxLength(120).IsRequired();
        builder.HasIndex(p => new { p.TenantId, p.TreatmentPlanId, p.Position });
    }
}

internal sealed class DentalAttachmentConfiguration : IEntityTypeConfiguration<DentalAttachment>
{
    public void Configure(EntityTypeBuilder<DentalAttachment> builder)
    {
        builder.ToTable("DentalAttachments", t => t.HasCheckConstraint("CK_DentalAttachments_ExactlyOneOwner",
            "(CASE WHEN \"ObservationId\" IS NULL THEN 0 ELSE 1 END) + (CASE WHEN \"ProcedureId\" IS NULL THEN 0 ELSE 1 END)"
            + " + (CASE WHEN \"ConsultationId\" IS NULL THEN 0 ELSE 1 END) = 1"));
        builder.Property(a => a.Kind).HasConversion<string>().HasMaxLength(12);
        builder.Property(a => a.Format).HasConversion<string>().HasMaxLength(8);
        builder.Property(a => a.FileName).HasMaxLength(255).IsRequired();
        builder.Property(a => a.Caption).HasMaxLength(1000);
        builder.HasOne<Patient>().WithMany().HasForeignKey(a => new { a.TenantId, a.PatientId }).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<DentalObservation>().WithMany().HasForeignKey(a => new { a.TenantId, a.ObservationId }).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<DentalProcedure>().WithMany().HasForeignKey(a => new { a.TenantId, a.ProcedureId }).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Consultation>().WithMany().HasForeignKey(a => new { a.TenantId, a.ConsultationId }).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<StoredFile>().WithMany().HasForeignKey(a => new { a.TenantId, a.StoredFileId }).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<StoredFile>().WithMany().HasForeignKey(a => new { a.TenantId, a.ThumbnailFileId }).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(a => new { a.TenantId, a.PatientId, a.UploadedAtUtc });
        builder.HasIndex(a => new { a.TenantId, a.ObservationId });
        builder.HasIndex(a => new { a.TenantId, a.ProcedureId });
        builder.HasIndex(a => new { a.TenantId, a.ConsultationId });
        builder.HasIndex(a => new { a.TenantId, a.StoredFileId }).IsUnique();
    }
}

internal sealed class CaseStudyConfiguration : IEntityTypeConfiguration<CaseStudy>
{
    public void Configure(EntityTypeBuilder<CaseStudy> builder)
    {
        builder.ToTable("CaseStudies");
        builder.Property(c => c.Title).HasMaxLength(200).IsRequired();
        foreach (var section in CaseStudySections)
        {
            builder.Property(section).HasMaxLength(8000);
        }
        builder.Property(c => c.Status).HasConversion<string>().HasMaxLength(8);
        builder.Property(c => c.GeneratedBy).HasMaxLength(120).IsRequired();
        builder.HasOne<Patient>().WithMany().HasForeignKey(c => new { c.TenantId, c.PatientId }).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<DoctorProfile>().WithMany().HasForeignKey(c => new { c.TenantId, c.DoctorProfileId }).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(c => c.Sources).WithOne().HasForeignKey(s => new { s.TenantId, s.CaseStudyId }).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(c => new { c.TenantId, c.PatientId, c.CreatedAtUtc });
    }

    private static readonly string[] CaseStudySections =
    [
        nameof(CaseStudy.Summary), nameof(CaseStudy.InitialDiagnosis), nameof(CaseStudy.TreatmentGoals), nameof(CaseStudy.TreatmentSummary),
        nameof(CaseStudy.ProceduresPerformed), nameof(CaseStudy.Outcome), nameof(CaseStudy.SuccessMeasures), nameof(CaseStudy.Narrative),
    ];
}

internal sealed class CaseStudySourceConfiguration : IEntityTypeConfiguration<CaseStudySource>
{
    public void Configure(EntityTypeBuilder<CaseStudySource> builder)
    {
        builder.ToTable("CaseStudySources");
        builder.Property(s => s.Kind).HasConversion<string>().HasMaxLength(12);
        builder.HasIndex(s => new { s.TenantId, s.CaseStudyId, s.Kind, s.SourceId }).IsUnique();
    }
}

internal sealed class CaseStudyRevisionConfiguration : IEntityTypeConfiguration<CaseStudyRevision>
{
    public void Configure(EntityTypeBuilder<CaseStudyRevision> builder)
    {
        builder.ToTable("CaseStudyRevisions");
        builder.Property(r => r.SectionsJson).IsRequired();
        builder.Property(r => r.Reason).HasMaxLength(200);
        builder.HasOne<CaseStudy>().WithMany().HasForeignKey(r => new { r.TenantId, r.CaseStudyId }).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(r => new { r.TenantId, r.CaseStudyId, r.RevisionNumber }).IsUnique();
    }
}

internal sealed class CaseStudyGeneratorSettingConfiguration : IEntityTypeConfiguration<CaseStudyGeneratorSetting>
{
    public void Configure(EntityTypeBuilder<CaseStudyGeneratorSetting> builder)
    {
        builder.ToTable("CaseStudyGeneratorSettings");
        builder.Property(s => s.EndpointUrl).HasMaxLength(500).IsRequired();
        builder.Property(s => s.Model).HasMaxLength(100).IsRequired();
        // One per practice: the settings service creates it under the practice lock (not a unique index, so the
        // isolation matrix can add its samples beside an existing row).
        builder.HasIndex(s => s.TenantId);
    }
}

/// <summary>Column rules the dental tables share.</summary>
internal static class DentalColumns
{
    /// <summary>FDI (ISO 3950): permanent 11–18, 21–28, 31–38, 41–48; primary 51–55, 61–65, 71–75, 81–85.</summary>
    public static string FdiToothCheck(string column) =>
        $"(\"{column}\" / 10 BETWEEN 1 AND 4 AND \"{column}\" % 10 BETWEEN 1 AND 8) OR (\"{column}\" / 10 BETWEEN 5 AND 8 AND \"{column}\" % 10 BETWEEN 1 AND 5)";
}
