using MedicalApp.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MedicalApp.Data.Configurations;

internal sealed class AppointmentConfiguration : IEntityTypeConfiguration<Appointment>
{
    public void Configure(EntityTypeBuilder<Appointment> builder)
    {
        builder.ToTable("Appointments", t => t.HasCheckConstraint("CK_Appointments_StartBeforeEnd", "\"StartsAtUtc\" < \"EndsAtUtc\""));
        builder.Property(a => a.Number).HasMaxLength(20).IsRequired();
        builder.Property(a => a.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(a => a.Reason).HasMaxLength(500);
        builder.Property(a => a.Notes).HasMaxLength(2000);
        builder.Property(a => a.CancellationReason).HasMaxLength(500);
        builder.Property(a => a.UrgentReason).HasMaxLength(300);
        builder.HasOne(a => a.Patient).WithMany().HasForeignKey(a => new { a.TenantId, a.PatientId }).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(a => a.Doctor).WithMany().HasForeignKey(a => new { a.TenantId, a.DoctorProfileId }).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(a => a.ClinicLocation).WithMany().HasForeignKey(a => new { a.TenantId, a.ClinicLocationId }).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(a => new { a.TenantId, a.Number }).IsUnique();
        // The day calendar of a doctor, and of a location, read by time range.
        builder.HasIndex(a => new { a.TenantId, a.DoctorProfileId, a.StartsAtUtc });
        builder.HasIndex(a => new { a.TenantId, a.ClinicLocationId, a.StartsAtUtc });
        builder.HasIndex(a => new { a.TenantId, a.StartsAtUtc });
    }
}

internal sealed class BusinessNumberCounterConfiguration : IEntityTypeConfiguration<BusinessNumberCounter>
{
    public void Configure(EntityTypeBuilder<BusinessNumberCounter> builder)
    {
        builder.ToTable("BusinessNumberCounters");
        // Room for per-doctor kinds: a token counter's kind is "TKN" and the doctor's id (35 characters).
        builder.Property(c => c.Kind).HasMaxLength(40).IsRequired();
        builder.HasIndex(c => new { c.TenantId, c.Kind, c.Day }).IsUnique();
    }
}
