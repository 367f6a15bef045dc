using MedicalApp.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MedicalApp.Data.Configurations;

// The trigram indexes that make fragment search fast on PostgreSQL are created in the migrations by hand (EF cannot
// describe an operator class on one column of a multi-column GIN index).

internal sealed class GlobalMedicineConfiguration : IEntityTypeConfiguration<GlobalMedicine>
{
    public void Configure(EntityTypeBuilder<GlobalMedicine> builder)
    {
        builder.ToTable("GlobalMedicines");
        builder.Property(m => m.Id).ValueGeneratedNever();
        MedicineColumns.Configure(builder);
        builder.Property(m => m.TypicalPriceInr).HasPrecision(10, 2);
    }
}

internal sealed class PracticeMedicineConfiguration : IEntityTypeConfiguration<PracticeMedicine>
{
    public void Configure(EntityTypeBuilder<PracticeMedicine> builder)
    {
        builder.ToTable("PracticeMedicines");
        MedicineColumns.Configure(builder);
        builder.Property(m => m.TypicalPriceInr).HasPrecision(10, 2);
        builder.HasIndex(m => new { m.TenantId, m.BrandName, m.Strength, m.DosageForm });
    }
}

internal sealed class HiddenGlobalMedicineConfiguration : IEntityTypeConfiguration<HiddenGlobalMedicine>
{
    public void Configure(EntityTypeBuilder<HiddenGlobalMedicine> builder)
    {
        builder.ToTable("HiddenGlobalMedicines");
        builder.HasOne(h => h.GlobalMedicine).WithMany().HasForeignKey(h => h.GlobalMedicineId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(h => new { h.TenantId, h.GlobalMedicineId }).IsUnique();
    }
}

internal sealed class MedicineUsageConfiguration : IEntityTypeConfiguration<MedicineUsage>
{
    public void Configure(EntityTypeBuilder<MedicineUsage> builder)
    {
        builder.ToTable("MedicineUsage", t => t.HasCheckConstraint(
            "CK_MedicineUsage_OneMedicine", "(\"GlobalMedicineId\" IS NULL) <> (\"PracticeMedicineId\" IS NULL)"));
        builder.HasOne<GlobalMedicine>().WithMany().HasForeignKey(u => u.GlobalMedicineId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<PracticeMedicine>().WithMany().HasForeignKey(u => new { u.TenantId, u.PracticeMedicineId }).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(u => new { u.TenantId, u.GlobalMedicineId }).IsUnique();
        builder.HasIndex(u => new { u.TenantId, u.PracticeMedicineId }).IsUnique();
    }
}

internal sealed class ShortKeyConfiguration : IEntityTypeConfiguration<ShortKey>
{
    public void Configure(EntityTypeBuilder<ShortKey> builder)
    {
        builder.ToTable("ShortKeys");
        builder.Property(k => k.Code).HasMaxLength(20).IsRequired();
        builder.Property(k => k.Name).HasMaxLength(100).IsRequired();
        builder.HasIndex(k => new { k.TenantId, k.Code }).IsUnique();
        builder.HasMany(k => k.Lines).WithOne().HasForeignKey(l => new { l.TenantId, l.ShortKeyId }).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ShortKeyLineConfiguration : IEntityTypeConfiguration<ShortKeyLine>
{
    public void Configure(EntityTypeBuilder<ShortKeyLine> builder)
    {
        builder.ToTable("ShortKeyLines", t => t.HasCheckConstraint(
            "CK_ShortKeyLines_OneMedicine", "(\"GlobalMedicineId\" IS NULL) <> (\"PracticeMedicineId\" IS NULL)"));
        MedicineLineColumns.Configure(builder);
        builder.HasIndex(l => new { l.TenantId, l.ShortKeyId, l.Position });
    }
}

/// <summary>The columns a global and a practice medicine share, sized the same so one can be copied to the other.</summary>
internal static class MedicineColumns
{
    public static void Configure<T>(EntityTypeBuilder<T> builder)
        where T : class, IMedicine
    {
        builder.Property(nameof(IMedicine.BrandName)).HasMaxLength(120).IsRequired();
        builder.Property(nameof(IMedicine.GenericName)).HasMaxLength(300).IsRequired();
        builder.Property(nameof(IMedicine.Strength)).HasMaxLength(80).IsRequired();
        builder.Property(nameof(IMedicine.DosageForm)).HasMaxLength(40).IsRequired();
        builder.Property(nameof(IMedicine.DrugClass)).HasMaxLength(80).IsRequired();
        builder.Property("Category").HasMaxLength(80).IsRequired();
        builder.Property("Manufacturer").HasMaxLength(120).IsRequired();
        builder.Property("Schedule").HasConversion<string>().HasMaxLength(4);
        builder.Property("SearchText").HasMaxLength(430).IsRequired();
    }
}

/// <summary>The columns a short-key line and a prescription line share: which medicine and how it is taken.</summary>
internal static class MedicineLineColumns
{
    public static void Configure<T>(EntityTypeBuilder<T> builder)
        where T : class, IMedicineLine, Tenancy.ITenantOwned
    {
        builder.Property(nameof(IMedicineLine.Dose)).HasMaxLength(60);
        builder.Property(nameof(IMedicineLine.Frequency)).HasMaxLength(60);
        builder.Property(nameof(IMedicineLine.Duration)).HasMaxLength(60);
        builder.Property(nameof(IMedicineLine.Timing)).HasConversion<string>().HasMaxLength(20);
        builder.Property(nameof(IMedicineLine.Instructions)).HasMaxLength(300);
        builder.HasOne<GlobalMedicine>().WithMany().HasForeignKey(nameof(IMedicineLine.GlobalMedicineId)).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<PracticeMedicine>().WithMany()
            .HasForeignKey(nameof(Tenancy.ITenantOwned.TenantId), nameof(IMedicineLine.PracticeMedicineId)).OnDelete(DeleteBehavior.Restrict);
    }
}
