using MedicalApp.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MedicalApp.Data.Configurations;

internal sealed class DoctorProfileConfiguration : IEntityTypeConfiguration<DoctorProfile>
{
    public void Configure(EntityTypeBuilder<DoctorProfile> builder)
    {
        builder.ToTable("DoctorProfiles");
        builder.HasOne(d => d.Membership).WithOne(m => m.DoctorProfile)
            .HasForeignKey<DoctorProfile>(d => new { d.TenantId, d.MembershipId }).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(d => new { d.TenantId, d.MembershipId }).IsUnique();
        builder.HasIndex(d => new { d.TenantId, d.RegistrationNumber }).IsUnique();
        builder.Property(d => d.RegistrationNumber).HasMaxLength(50).IsRequired();
        builder.Property(d => d.Qualification).HasMaxLength(200);
        builder.Property(d => d.ConsultationFee).HasPrecision(10, 2);
        builder.Ignore(d => d.IsDental);
        builder.HasMany(d => d.Locations).WithOne().HasForeignKey(l => new { l.TenantId, l.DoctorProfileId }).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(d => d.Availability).WithOne().HasForeignKey(a => new { a.TenantId, a.DoctorProfileId }).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(d => d.Leave).WithOne().HasForeignKey(l => new { l.TenantId, l.DoctorProfileId }).OnDelete(DeleteBehavior.Cascade);
    }
}
