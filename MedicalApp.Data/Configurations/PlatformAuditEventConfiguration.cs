using MedicalApp.Data.Entities;
using MedicalApp.Data.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MedicalApp.Data.Configurations;

internal sealed class PlatformAuditEventConfiguration : IEntityTypeConfiguration<PlatformAuditEvent>
{
    public void Configure(EntityTypeBuilder<PlatformAuditEvent> builder)
    {
        builder.ToTable("PlatformAuditEvents");
        builder.Property(e => e.Id).HasValueGenerator<UuidV7Generator>().ValueGeneratedOnAdd();
        builder.Property(e => e.UserEmail).HasMaxLength(256);
        builder.Property(e => e.Action).HasMaxLength(64).IsRequired();
        builder.Property(e => e.IpAddress).HasMaxLength(64);
        builder.Property(e => e.Details).HasMaxLength(2000);
        builder.HasIndex(e => e.OccurredAtUtc);
    }
}
