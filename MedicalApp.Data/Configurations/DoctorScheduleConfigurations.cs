using MedicalApp.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MedicalApp.Data.Configurations;

internal sealed class DoctorLocationConfiguration : IEntityTypeConfiguration<DoctorLocation>
{
    public void Configure(EntityTypeBuilder<DoctorLocation> builder)
    {
        builder.ToTable("DoctorLocations");
        builder.HasOne(l => l.ClinicLocation).WithMany()
            .HasForeignKey(l => new { l.TenantId, l.ClinicLocationId }).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(l => new { l.TenantId, l.DoctorProfileId, l.ClinicLocationId }).IsUnique();
    }
}

internal sealed class DoctorAvailabilityConfiguration : IEntityTypeConfiguration<DoctorAvailability>
{
    public void Configure(EntityTypeBuilder<DoctorAvailability> builder)
    {
        builder.ToTable("DoctorAvailability");
        builder.HasOne<ClinicLocation>().WithMany()
            .HasForeignKey(a => new { a.TenantId, a.ClinicLocationId }).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(a => new { a.TenantId, a.DoctorProfileId, a.ClinicLocationId, a.Day });
        builder.ToTable(t => t.HasCheckConstraint("CK_DoctorAvailability_StartBeforeEnd", "\"StartTime\" < \"EndTime\""));
    }
}

internal sealed class DoctorLeaveConfiguration : IEntityTypeConfiguration<DoctorLeave>
{
    public void Configure(EntityTypeBuilder<DoctorLeave> builder)
    {
        builder.ToTable("DoctorLeave");
        builder.Property(l => l.Reason).HasMaxLength(200);
        builder.HasIndex(l => new { l.TenantId, l.DoctorProfileId, l.Date }).IsUnique();
    }
}
