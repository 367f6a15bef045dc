using MedicalApp.Data.Entities;
using MedicalApp.Data.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MedicalApp.Data.Configurations;

internal sealed class PracticeConfiguration : IEntityTypeConfiguration<Practice>
{
    public void Configure(EntityTypeBuilder<Practice> builder)
    {
        builder.ToTable("Tenants");
        builder.Property(t => t.Id).HasValueGenerator<UuidV7Generator>().ValueGeneratedOnAdd();
        builder.Property(t => t.Name).HasMaxLength(200).IsRequired();
        builder.Property(t => t.Slug).HasMaxLength(40).IsRequired();
        builder.HasIndex(t => t.Slug).IsUnique();
        builder.Property(t => t.Plan).HasConversion<string>().HasMaxLength(20);
        builder.Property(t => t.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(t => t.StatusReason).HasMaxLength(500);
        builder.Property(t => t.TimeZoneId).HasMaxLength(64).IsRequired();
        builder.Property(t => t.Phone).HasMaxLength(20);
        builder.Property(t => t.Address).HasMaxLength(500);
        builder.ComplexProperty(t => t.Limits, limits =>
        {
            limits.Property(l => l.MaxClinicLocations).HasColumnName("MaxClinicLocations");
            limits.Property(l => l.MaxDoctors).HasColumnName("MaxDoctors");
            limits.Property(l => l.MaxPatients).HasColumnName("MaxPatients");
            limits.Property(l => l.MaxStorageBytes).HasColumnName("MaxStorageBytes");
        });
        builder.ComplexProperty(t => t.Settings, settings =>
        {
            settings.Property(s => s.LetterheadAddress).HasColumnName("LetterheadAddress").HasMaxLength(500);
            settings.Property(s => s.LetterheadPhone).HasColumnName("LetterheadPhone").HasMaxLength(20);
            settings.Property(s => s.LetterheadEmail).HasColumnName("LetterheadEmail").HasMaxLength(256);
            settings.Property(s => s.RegistrationLine).HasColumnName("RegistrationLine").HasMaxLength(200);
            settings.Property(s => s.Currency).HasColumnName("Currency").HasMaxLength(3).IsRequired();
            settings.Property(s => s.LogoFileId).HasColumnName("LogoFileId");
            settings.Property(s => s.WaitingDisplayShowsNames).HasColumnName("WaitingDisplayShowsNames");
            settings.Property(s => s.WaitingDisplayKeyHash).HasColumnName("WaitingDisplayKeyHash").HasMaxLength(64);
        });
    }
}
