using MedicalApp.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MedicalApp.Data.Configurations;

internal sealed class LocationOpeningHoursConfiguration : IEntityTypeConfiguration<LocationOpeningHours>
{
    public void Configure(EntityTypeBuilder<LocationOpeningHours> builder)
    {
        builder.ToTable("LocationOpeningHours", t => t.HasCheckConstraint("CK_LocationOpeningHours_OpensBeforeCloses", "\"Opens\" < \"Closes\""));
        builder.HasOne<ClinicLocation>().WithMany()
            .HasForeignKey(h => new { h.TenantId, h.ClinicLocationId }).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(h => new { h.TenantId, h.ClinicLocationId, h.Day });
    }
}

internal sealed class ReminderSettingsConfiguration : IEntityTypeConfiguration<ReminderSettings>
{
    public void Configure(EntityTypeBuilder<ReminderSettings> builder)
    {
        builder.ToTable("ReminderSettings", t => t.HasCheckConstraint("CK_ReminderSettings_HoursBefore", "\"HoursBefore\" IS NULL OR (\"HoursBefore\" BETWEEN 1 AND 48)"));
        builder.Property(s => s.DefaultLanguage).HasMaxLength(5).IsRequired();
        builder.Property(s => s.SmsUrlTemplate).HasMaxLength(1000);
        builder.Property(s => s.SmsHttpMethod).HasMaxLength(4).IsRequired();
        builder.Property(s => s.SmsBodyTemplate).HasMaxLength(2000);
        builder.Property(s => s.SmsSenderId).HasMaxLength(20);
        // One per practice: the settings service creates it under the practice lock (see the entity).
        builder.HasIndex(s => s.TenantId);
    }
}

internal sealed class ReminderTemplateConfiguration : IEntityTypeConfiguration<ReminderTemplate>
{
    public void Configure(EntityTypeBuilder<ReminderTemplate> builder)
    {
        builder.ToTable("ReminderTemplates");
        builder.Property(t => t.Kind).HasConversion<string>().HasMaxLength(16);
        builder.Property(t => t.Channel).HasConversion<string>().HasMaxLength(8);
        builder.Property(t => t.Language).HasMaxLength(5).IsRequired();
        builder.Property(t => t.Subject).HasMaxLength(200);
        builder.Property(t => t.Body).HasMaxLength(2000).IsRequired();
        // Read by (kind, channel, language); one per combination is kept by the service, not a unique index, so the
        // isolation matrix can add its samples.
        builder.HasIndex(t => new { t.TenantId, t.Kind, t.Channel, t.Language });
    }
}

internal sealed class AppointmentMessageConfiguration : IEntityTypeConfiguration<AppointmentMessage>
{
    public void Configure(EntityTypeBuilder<AppointmentMessage> builder)
    {
        builder.ToTable("AppointmentMessages");
        builder.Property(m => m.Kind).HasConversion<string>().HasMaxLength(16);
        builder.Property(m => m.Channel).HasConversion<string>().HasMaxLength(8);
        builder.Property(m => m.Status).HasConversion<string>().HasMaxLength(10);
        builder.Property(m => m.Language).HasMaxLength(5).IsRequired();
        builder.Property(m => m.To).HasMaxLength(256).IsRequired();
        builder.Property(m => m.Note).HasMaxLength(1000);
        builder.HasOne<Appointment>().WithMany().HasForeignKey(m => new { m.TenantId, m.AppointmentId }).OnDelete(DeleteBehavior.Cascade);
        // Never twice: a second scheduler (a restart, another server) inserting the same message hits this index.
        builder.HasIndex(m => new { m.TenantId, m.AppointmentId, m.Kind, m.Channel, m.ForStartsAtUtc }).IsUnique();
        // The SMS sender's queue.
        builder.HasIndex(m => new { m.Status, m.NextAttemptAtUtc });
    }
}
