using MedicalApp.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MedicalApp.Data.Configurations;

internal sealed class FormerPracticeAddressConfiguration : IEntityTypeConfiguration<FormerPracticeAddress>
{
    public void Configure(EntityTypeBuilder<FormerPracticeAddress> builder)
    {
        builder.ToTable("FormerPracticeAddresses");
        // One practice per former address: the key itself keeps two practices from claiming it.
        builder.HasKey(a => a.Slug);
        builder.Property(a => a.Slug).HasMaxLength(40);
        builder.HasOne(a => a.Practice).WithMany().HasForeignKey(a => a.TenantId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(a => a.TenantId);
    }
}
