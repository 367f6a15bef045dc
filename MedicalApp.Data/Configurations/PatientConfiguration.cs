using MedicalApp.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MedicalApp.Data.Configurations;

internal sealed class PatientConfiguration : IEntityTypeConfiguration<Patient>
{
    public void Configure(EntityTypeBuilder<Patient> builder)
    {
        builder.ToTable("Patients");
        builder.Property(p => p.FirstName).HasMaxLength(100).IsRequired();
        builder.Property(p => p.LastName).HasMaxLength(100).IsRequired();
        builder.Property(p => p.FirstNameKey).HasMaxLength(100).IsRequired();
        builder.Property(p => p.SearchName).HasMaxLength(201).IsRequired();
        builder.Property(p => p.Gender).HasConversion<string>().HasMaxLength(10);
        builder.Property(p => p.Relationship).HasConversion<string>().HasMaxLength(20);
        builder.Property(p => p.Mobile).HasMaxLength(10).IsRequired();
        builder.Property(p => p.Email).HasMaxLength(256);
        builder.Property(p => p.Address).HasMaxLength(500);
        builder.Property(p => p.EmergencyContactName).HasMaxLength(200);
        builder.Property(p => p.EmergencyContactPhone).HasMaxLength(20);
        builder.Property(p => p.BloodGroup).HasMaxLength(3);
        builder.Property(p => p.Allergies).HasMaxLength(1000);
        builder.Property(p => p.ChronicConditions).HasMaxLength(1000);
        builder.Property(p => p.Notes).HasMaxLength(2000);
        builder.Property(p => p.PreferredLanguage).HasMaxLength(5);

        // Identity and family rules the database keeps even if two receptionists register at the same moment:
        // (mobile, first name) is unique among active patients, and a family has one active primary member.
        builder.HasIndex(p => new { p.TenantId, p.Mobile, p.FirstNameKey }).IsUnique().HasFilter("\"IsActive\"")
            .HasDatabaseName("UX_Patients_ActiveIdentity");
        builder.HasIndex(p => new { p.TenantId, p.Mobile }).IsUnique().HasFilter("\"IsActive\" AND \"IsPrimary\"")
            .HasDatabaseName("UX_Patients_ActivePrimary");
        builder.HasIndex(p => new { p.TenantId, p.SearchName });
        builder.HasIndex(p => new { p.TenantId, p.LastName, p.FirstName });
    }
}
