using MedicalApp.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MedicalApp.Data.Configurations;

internal sealed class ConsultationConfiguration : IEntityTypeConfiguration<Consultation>
{
    public void Configure(EntityTypeBuilder<Consultation> builder)
    {
        builder.ToTable("Consultations");
        builder.Property(c => c.ChiefComplaint).HasMaxLength(500);
        builder.Property(c => c.Symptoms).HasMaxLength(2000);
        builder.Property(c => c.Findings).HasMaxLength(2000);
        builder.Property(c => c.Diagnosis).HasMaxLength(500);
        builder.Property(c => c.Advice).HasMaxLength(2000);
        builder.Property(c => c.TemperatureCelsius).HasPrecision(4, 1);
        builder.Property(c => c.WeightKg).HasPrecision(5, 1);
        builder.HasOne(c => c.Appointment).WithMany().HasForeignKey(c => new { c.TenantId, c.AppointmentId }).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Patient>().WithMany().HasForeignKey(c => new { c.TenantId, c.PatientId }).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<DoctorProfile>().WithMany().HasForeignKey(c => new { c.TenantId, c.DoctorProfileId }).OnDelete(DeleteBehavior.Restrict);
        // One consultation per visit.
        builder.HasIndex(c => new { c.TenantId, c.AppointmentId }).IsUnique();
        builder.HasIndex(c => new { c.TenantId, c.PatientId, c.StartedAtUtc });
    }
}

internal sealed class PrescriptionConfiguration : IEntityTypeConfiguration<Prescription>
{
    public void Configure(EntityTypeBuilder<Prescription> builder)
    {
        builder.ToTable("Prescriptions", t => t.HasCheckConstraint(
            "CK_Prescriptions_NumberedUnlessDraft", "(\"Status\" = 'Draft') = (\"Number\" IS NULL)"));
        builder.Property(p => p.Number).HasMaxLength(20);
        builder.Property(p => p.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(p => p.Diagnosis).HasMaxLength(500);
        builder.Property(p => p.Advice).HasMaxLength(2000);
        builder.Property(p => p.CancellationReason).HasMaxLength(500);
        builder.HasOne<Consultation>().WithMany().HasForeignKey(p => new { p.TenantId, p.ConsultationId }).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(p => p.Appointment).WithMany().HasForeignKey(p => new { p.TenantId, p.AppointmentId }).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(p => p.Patient).WithMany().HasForeignKey(p => new { p.TenantId, p.PatientId }).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(p => p.Doctor).WithMany().HasForeignKey(p => new { p.TenantId, p.DoctorProfileId }).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<ClinicLocation>().WithMany().HasForeignKey(p => new { p.TenantId, p.ClinicLocationId }).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(p => p.Lines).WithOne().HasForeignKey(l => new { l.TenantId, l.PrescriptionId }).OnDelete(DeleteBehavior.Cascade);
        // A number names one prescription and its corrections: unique with the version.
        builder.HasIndex(p => new { p.TenantId, p.Number, p.VersionNumber }).IsUnique();
        builder.HasIndex(p => new { p.TenantId, p.ConsultationId });
        builder.HasIndex(p => new { p.TenantId, p.PatientId, p.CreatedAtUtc });
        builder.HasIndex(p => new { p.TenantId, p.DoctorProfileId, p.CreatedAtUtc });
        builder.HasIndex(p => new { p.TenantId, p.CreatedAtUtc });
    }
}

internal sealed class PrescriptionLineConfiguration : IEntityTypeConfiguration<PrescriptionLine>
{
    public void Configure(EntityTypeBuilder<PrescriptionLine> builder)
    {
        builder.ToTable("PrescriptionLines", t => t.HasCheckConstraint(
            "CK_PrescriptionLines_OneMedicine", "(\"GlobalMedicineId\" IS NULL) <> (\"PracticeMedicineId\" IS NULL)"));
        MedicineLineColumns.Configure(builder);
        builder.Property(l => l.BrandName).HasMaxLength(120).IsRequired();
        builder.Property(l => l.GenericName).HasMaxLength(300).IsRequired();
        builder.Property(l => l.Strength).HasMaxLength(80).IsRequired();
        builder.Property(l => l.DosageForm).HasMaxLength(40).IsRequired();
        builder.Property(l => l.DrugClass).HasMaxLength(80).IsRequired();
        builder.Property(l => l.ConfirmedWarning).HasMaxLength(500);
        builder.HasIndex(l => new { l.TenantId, l.PrescriptionId, l.Position });
    }
}

internal sealed class PrintSettingConfiguration : IEntityTypeConfiguration<PrintSetting>
{
    public void Configure(EntityTypeBuilder<PrintSetting> builder)
    {
        builder.ToTable("PrintSettings");
        builder.Property(s => s.ScopeKey).HasMaxLength(80).IsRequired();
        builder.Property(s => s.Template).HasConversion<string>().HasMaxLength(20);
        builder.Property(s => s.LogoPosition).HasConversion<string>().HasMaxLength(10);
        builder.Property(s => s.FontSizePt).HasPrecision(4, 1);
        builder.HasOne<DoctorProfile>().WithMany().HasForeignKey(s => new { s.TenantId, s.DoctorProfileId }).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<ClinicLocation>().WithMany().HasForeignKey(s => new { s.TenantId, s.ClinicLocationId }).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(s => new { s.TenantId, s.ScopeKey }).IsUnique();
    }
}
