using MedicalApp.Data.Entities;
using MedicalApp.Data.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MedicalApp.Data.Configurations;

internal sealed class PracticeRegistrationRequestConfiguration : IEntityTypeConfiguration<PracticeRegistrationRequest>
{
    public void Configure(EntityTypeBuilder<PracticeRegistrationRequest> builder)
    {
        builder.ToTable("PracticeRegistrationRequests");
        builder.Property(r => r.Id).HasValueGenerator<UuidV7Generator>().ValueGeneratedOnAdd();
        builder.Property(r => r.Email).HasMaxLength(256).IsRequired();
        builder.Property(r => r.TokenHash).HasMaxLength(64).IsRequired();
        builder.Property(r => r.HandOverTokenHash).HasMaxLength(64);
        builder.HasIndex(r => r.TokenHash).IsUnique();
        builder.HasIndex(r => r.HandOverTokenHash).IsUnique();
        builder.HasIndex(r => r.ExpiresAtUtc);
        builder.HasOne<Practice>().WithMany().HasForeignKey(r => r.TenantId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class PlatformOutboxEmailConfiguration : IEntityTypeConfiguration<PlatformOutboxEmail>
{
    public void Configure(EntityTypeBuilder<PlatformOutboxEmail> builder)
    {
        builder.ToTable("PlatformOutboxEmails");
        builder.Property(e => e.Id).HasValueGenerator<UuidV7Generator>().ValueGeneratedOnAdd();
        builder.Property(e => e.ToAddress).HasMaxLength(256).IsRequired();
        builder.Property(e => e.ToName).HasMaxLength(200);
        builder.Property(e => e.Subject).HasMaxLength(300).IsRequired();
        builder.Property(e => e.Purpose).HasMaxLength(64).IsRequired();
        builder.Property(e => e.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(e => e.LastError).HasMaxLength(1000);
        builder.HasIndex(e => new { e.Status, e.NextAttemptAtUtc });
    }
}
