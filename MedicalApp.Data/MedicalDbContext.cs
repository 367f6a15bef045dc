using MedicalApp.Data.Entities;
using MedicalApp.Data.Tenancy;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace MedicalApp.Data;

/// <summary>
/// The one EF model of MedicalApp, shared by both databases. Each provider has a one-line subclass that owns its
/// migrations (<c>Migrations/Postgres</c>, <c>Migrations/Sqlite</c>); the rest of the code only sees this type.
/// Tenant-owned entities are hidden from other practices by the "Tenant" query filter and stamped on insert.
/// </summary>
public abstract class MedicalDbContext
    : IdentityDbContext<ApplicationUser, IdentityRole<Guid>, Guid>, IDataProtectionKeyContext
{
    /// <summary>Name of the query filter that hides other practices' rows; pass it to <c>IgnoreQueryFilters</c>.</summary>
    public const string TenantFilter = "Tenant";

    private readonly CurrentTenant currentTenant;

    protected MedicalDbContext(DbContextOptions options, CurrentTenant currentTenant)
        : base(options)
    {
        this.currentTenant = currentTenant;
        // Stamp new rows as soon as they are tracked, so code between Add and SaveChanges sees the practice too.
        ChangeTracker.Tracked += StampTrackedEntity;
    }

    public Guid? CurrentTenantId => currentTenant.Id;

    /// <summary>
    /// True for contexts of the platform console (created by <see cref="PlatformDbContextFactory"/>), which may write
    /// rows of any practice they name explicitly. Everywhere else a foreign TenantId is refused.
    /// </summary>
    public bool IsPlatformContext { get; init; }

    // Read by the query filter on every query; Guid.Empty when no practice is set, so nothing matches.
    private Guid TenantFilterId => currentTenant.Id ?? Guid.Empty;

    public DbSet<Tenant> Tenants => Set<Tenant>();

    public DbSet<TenantMembership> TenantMemberships => Set<TenantMembership>();

    public DbSet<ClinicLocation> ClinicLocations => Set<ClinicLocation>();

    public DbSet<AuditEvent> AuditEvents => Set<AuditEvent>();

    public DbSet<PlatformAuditEvent> PlatformAuditEvents => Set<PlatformAuditEvent>();

    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        ArgumentNullException.ThrowIfNull(configurationBuilder);
        // Every instant is stored in UTC; SQLite forgets the kind on the way back, so restore it for both providers.
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        configurationBuilder.Properties<DateTime?>().HaveConversion<UtcDateTimeConverter>();
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(MedicalDbContext).Assembly);

        var configureTenantOwned = typeof(MedicalDbContext).GetMethod(
            nameof(ConfigureTenantOwned), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance)!;
        foreach (var clrType in builder.Model.GetEntityTypes().Select(e => e.ClrType)
                     .Where(t => typeof(ITenantOwned).IsAssignableFrom(t)).ToList())
        {
            configureTenantOwned.MakeGenericMethod(clrType).Invoke(this, [builder]);
        }
    }

    /// <summary>
    /// The rules every tenant-owned entity follows: key <c>(TenantId, Id)</c> with a UUIDv7 Id generated on add,
    /// a restricting foreign key to its practice, and the named tenant filter. Row-level security on PostgreSQL is
    /// generated from the same key shape (<see cref="Postgres.RowLevelSecurityMigrationsSqlGenerator"/>).
    /// </summary>
    private void ConfigureTenantOwned<T>(ModelBuilder builder)
        where T : class, ITenantOwned
    {
        builder.Entity<T>(entity =>
        {
            entity.HasKey(e => new { e.TenantId, e.Id });
            entity.Property(e => e.Id).HasValueGenerator<UuidV7Generator>().ValueGeneratedOnAdd();
            entity.HasOne<Tenant>().WithMany().HasForeignKey(e => e.TenantId).OnDelete(DeleteBehavior.Restrict);
            entity.HasQueryFilter(TenantFilter, e => e.TenantId == TenantFilterId);
        });
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        EnforceTenantOnChanges();
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        EnforceTenantOnChanges();
        return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    private void StampTrackedEntity(object? sender, EntityTrackedEventArgs e)
    {
        if (e.Entry is { State: EntityState.Added, Entity: ITenantOwned owned } && owned.TenantId == Guid.Empty && currentTenant.Id is { } tenantId)
        {
            e.Entry.Property(nameof(ITenantOwned.TenantId)).CurrentValue = tenantId;
        }
    }

    /// <summary>
    /// The application half of isolation on writes: new rows get the current practice, and a row of another practice
    /// can be neither inserted, changed nor deleted through this context (even one loaded with IgnoreQueryFilters).
    /// </summary>
    private void EnforceTenantOnChanges()
    {
        ChangeTracker.DetectChanges();
        foreach (var entry in ChangeTracker.Entries<ITenantOwned>().ToList())
        {
            if (entry.State is EntityState.Unchanged or EntityState.Detached)
            {
                continue;
            }

            if (entry.State == EntityState.Added && entry.Entity.TenantId == Guid.Empty)
            {
                entry.Property(e => e.TenantId).CurrentValue = currentTenant.Id
                    ?? throw new TenantIsolationException($"A {entry.Metadata.ClrType.Name} cannot be saved without a practice.");
                continue;
            }

            if (!IsPlatformContext && entry.Entity.TenantId != currentTenant.Id)
            {
                throw new TenantIsolationException(
                    $"A {entry.Metadata.ClrType.Name} of another practice cannot be {entry.State.ToString().ToLowerInvariant()} here.");
            }
        }
    }
}
