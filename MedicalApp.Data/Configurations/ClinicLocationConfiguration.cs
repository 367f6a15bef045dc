using MedicalApp.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MedicalApp.Data.Configurations;

internal sealed class ClinicLocationConfiguration : IEntityTypeConfiguration<ClinicLocation>
{
    public void Configure(EntityTypeBuilder<ClinicLocation> builder)
    {
        builder.ToTable("ClinicLocations");
        builder.Property(l => l.Name).HasMaxLength(200).IsRequired();
        builder.Property(l => l.Address).HasMaxLength(500).IsRequired();
        builder.Property(l => l.Phone).HasMaxLength(20);
        builder.Property(l => l.Timings).HasMaxLength(200);
        builder.HasIndex(l => new { l.TenantId, l.Name });
    }
}
