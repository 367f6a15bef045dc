using MedicalApp.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MedicalApp.Data.Configurations;

internal sealed class StoredFileConfiguration : IEntityTypeConfiguration<StoredFile>
{
    public void Configure(EntityTypeBuilder<StoredFile> builder)
    {
        builder.ToTable("StoredFiles");
        builder.Property(f => f.Purpose).HasConversion<string>().HasMaxLength(20);
        builder.Property(f => f.FileName).HasMaxLength(255).IsRequired();
        builder.Property(f => f.ContentType).HasMaxLength(100).IsRequired();
        builder.Property(f => f.StorageKey).HasMaxLength(300).IsRequired();
    }
}

internal sealed class OutboxEmailConfiguration : IEntityTypeConfiguration<OutboxEmail>
{
    public void Configure(EntityTypeBuilder<OutboxEmail> builder)
    {
        builder.ToTable("OutboxEmails");
        builder.Property(e => e.ToAddress).HasMaxLength(256).IsRequired();
        builder.Property(e => e.ToName).HasMaxLength(200);
        builder.Property(e => e.Subject).HasMaxLength(300).IsRequired();
        builder.Property(e => e.Purpose).HasMaxLength(64).IsRequired();
        builder.Property(e => e.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(e => e.LastError).HasMaxLength(1000);
        // The dispatcher looks for due messages of every practice (through the platform path).
        builder.HasIndex(e => new { e.Status, e.NextAttemptAtUtc });
        builder.HasIndex(e => new { e.TenantId, e.CreatedAtUtc });
    }
}

internal sealed class SubscriptionChangeConfiguration : IEntityTypeConfiguration<SubscriptionChange>
{
    public void Configure(EntityTypeBuilder<SubscriptionChange> builder)
    {
        builder.ToTable("SubscriptionChanges");
        builder.Property(c => c.FromPlan).HasConversion<string>().HasMaxLength(20);
        builder.Property(c => c.ToPlan).HasConversion<string>().HasMaxLength(20);
        builder.Property(c => c.Description).HasMaxLength(300).IsRequired();
        builder.Property(c => c.Reason).HasMaxLength(500);
        builder.Property(c => c.ChangedByEmail).HasMaxLength(256);
        builder.HasIndex(c => new { c.TenantId, c.ChangedAtUtc });
    }
}
