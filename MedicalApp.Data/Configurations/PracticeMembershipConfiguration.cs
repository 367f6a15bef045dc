using MedicalApp.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MedicalApp.Data.Configurations;

internal sealed class PracticeMembershipConfiguration : IEntityTypeConfiguration<PracticeMembership>
{
    public void Configure(EntityTypeBuilder<PracticeMembership> builder)
    {
        builder.ToTable("TenantMemberships");
        // Users are global, so this is a plain foreign key; the membership itself is tenant-owned.
        builder.HasOne(m => m.User).WithMany(u => u.Memberships).HasForeignKey(m => m.UserId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(m => new { m.TenantId, m.UserId }).IsUnique();
        builder.HasIndex(m => m.UserId);
    }
}

internal sealed class StaffInvitationConfiguration : IEntityTypeConfiguration<StaffInvitation>
{
    public void Configure(EntityTypeBuilder<StaffInvitation> builder)
    {
        builder.ToTable("StaffInvitations");
        builder.Property(i => i.Email).HasMaxLength(256).IsRequired();
        builder.Property(i => i.NormalizedEmail).HasMaxLength(256).IsRequired();
        builder.Property(i => i.FullName).HasMaxLength(200).IsRequired();
        builder.Property(i => i.Phone).HasMaxLength(16);
        builder.Property(i => i.RegistrationNumber).HasMaxLength(50);
        builder.Property(i => i.Specializations).HasMaxLength(100);
        builder.Property(i => i.Qualification).HasMaxLength(200);
        builder.Property(i => i.ConsultationFee).HasPrecision(10, 2);
        builder.Property(i => i.TokenHash).HasMaxLength(64).IsRequired();
        builder.Property(i => i.Status).HasConversion<string>().HasMaxLength(20);
        // A link is looked up by its hash, inside the practice of the address it was opened at.
        builder.HasIndex(i => new { i.TenantId, i.TokenHash }).IsUnique();
        // One pending invitation per address and practice (the service says so first; this holds under races).
        builder.HasIndex(i => new { i.TenantId, i.NormalizedEmail }).IsUnique().HasFilter("\"Status\" = 'Pending'");
    }
}
