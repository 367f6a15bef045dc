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

    /// <summary>The clock that decides whether a trial has ended (a fake one in tests).</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;

    // Read by the query filter on every query; Guid.Empty when no practice is set, so nothing matches.
    private Guid TenantFilterId => currentTenant.Id ?? Guid.Empty;

    public DbSet<Practice> Practices => Set<Practice>();

    public DbSet<FormerPracticeAddress> FormerPracticeAddresses => Set<FormerPracticeAddress>();

    public DbSet<PracticeMembership> PracticeMemberships => Set<PracticeMembership>();

    public DbSet<StaffInvitation> StaffInvitations => Set<StaffInvitation>();

    public DbSet<ClinicLocation> ClinicLocations => Set<ClinicLocation>();

    public DbSet<AuditEvent> AuditEvents => Set<AuditEvent>();

    public DbSet<PlatformAuditEvent> PlatformAuditEvents => Set<PlatformAuditEvent>();

    public DbSet<DoctorProfile> DoctorProfiles => Set<DoctorProfile>();

    public DbSet<DoctorLocation> DoctorLocations => Set<DoctorLocation>();

    public DbSet<DoctorAvailability> DoctorAvailability => Set<DoctorAvailability>();

    public DbSet<DoctorLeave> DoctorLeave => Set<DoctorLeave>();

    public DbSet<StoredFile> StoredFiles => Set<StoredFile>();

    public DbSet<OutboxEmail> OutboxEmails => Set<OutboxEmail>();

    public DbSet<PlatformOutboxEmail> PlatformOutboxEmails => Set<PlatformOutboxEmail>();

    public DbSet<PracticeRegistrationRequest> PracticeRegistrationRequests => Set<PracticeRegistrationRequest>();

    public DbSet<SubscriptionChange> SubscriptionChanges => Set<SubscriptionChange>();

    public DbSet<Patient> Patients => Set<Patient>();

    public DbSet<Appointment> Appointments => Set<Appointment>();

    public DbSet<BusinessNumberCounter> BusinessNumberCounters => Set<BusinessNumberCounter>();

    public DbSet<GlobalMedicine> GlobalMedicines => Set<GlobalMedicine>();

    public DbSet<PracticeMedicine> PracticeMedicines => Set<PracticeMedicine>();

    public DbSet<HiddenGlobalMedicine> HiddenGlobalMedicines => Set<HiddenGlobalMedicine>();

    public DbSet<MedicineUsage> MedicineUsage => Set<MedicineUsage>();

    public DbSet<ShortKey> ShortKeys => Set<ShortKey>();

    public DbSet<ShortKeyLine> ShortKeyLines => Set<ShortKeyLine>();

    public DbSet<Consultation> Consultations => Set<Consultation>();

    public DbSet<Prescription> Prescriptions => Set<Prescription>();

    public DbSet<PrescriptionLine> PrescriptionLines => Set<PrescriptionLine>();

    public DbSet<PrintSetting> PrintSettings => Set<PrintSetting>();

    public DbSet<DentalChart> DentalCharts => Set<DentalChart>();

    public DbSet<DentalObservation> DentalObservations => Set<DentalObservation>();

    public DbSet<DentalNoteTemplate> DentalNoteTemplates => Set<DentalNoteTemplate>();

    public DbSet<DentalProcedure> DentalProcedures => Set<DentalProcedure>();

    public DbSet<DentalProcedureTooth> DentalProcedureTeeth => Set<DentalProcedureTooth>();

    public DbSet<DentalProcedureObservation> DentalProcedureObservations => Set<DentalProcedureObservation>();

    public DbSet<DentalProcedureEvent> DentalProcedureEvents => Set<DentalProcedureEvent>();

    public DbSet<DentalPrice> DentalPrices => Set<DentalPrice>();

    public DbSet<TreatmentPlan> TreatmentPlans => Set<TreatmentPlan>();

    public DbSet<TreatmentPlanPhase> TreatmentPlanPhases => Set<TreatmentPlanPhase>();

    public DbSet<DentalAttachment> DentalAttachments => Set<DentalAttachment>();

    public DbSet<CaseStudy> CaseStudies => Set<CaseStudy>();

    public DbSet<CaseStudySource> CaseStudySources => Set<CaseStudySource>();

    public DbSet<CaseStudyRevision> CaseStudyRevisions => Set<CaseStudyRevision>();

    public DbSet<CaseStudyGeneratorSetting> CaseStudyGeneratorSettings => Set<CaseStudyGeneratorSetting>();

    public DbSet<LocationOpeningHours> LocationOpeningHours => Set<LocationOpeningHours>();

    public DbSet<ReminderSettings> ReminderSettings => Set<ReminderSettings>();

    public DbSet<ReminderTemplate> ReminderTemplates => Set<ReminderTemplate>();

    public DbSet<AppointmentMessage> AppointmentMessages => Set<AppointmentMessage>();

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
        if (Database.IsNpgsql())
        {
            // Exclusion constraints on appointments, and the (TenantId, name) trigram search index for patients.
            builder.HasPostgresExtension("btree_gist");
            builder.HasPostgresExtension("btree_gin");
            builder.HasPostgresExtension("pg_trgm");
        }

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
            entity.HasOne<Practice>().WithMany().HasForeignKey(e => e.TenantId).OnDelete(DeleteBehavior.Restrict);
            entity.HasQueryFilter(TenantFilter, e => e.TenantId == TenantFilterId);
        });
    }

    /// <summary>
    /// For the one unit of work that creates a practice and its first rows (registration): from here on this context
    /// works inside the new practice. On PostgreSQL the already open connection's <c>app.tenant_id</c> is switched too,
    /// so row-level security admits the new practice's rows in the same transaction.
    /// </summary>
    public async Task EnterNewPracticeAsync(TenantSnapshot practice, CancellationToken cancellationToken = default)
    {
        currentTenant.Set(practice);
        if (Database.IsNpgsql() && Database.GetDbConnection().State == System.Data.ConnectionState.Open)
        {
            var practiceId = practice.Id.ToString();
            await Database.ExecuteSqlAsync($"SELECT set_config('app.tenant_id', {practiceId}, false)", cancellationToken);
        }
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        var guarded = EnforceTenantOnChanges();
        BumpVersions();
        if (guarded)
        {
            EnsurePracticeWritableAsync(CancellationToken.None).GetAwaiter().GetResult();
        }

        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        var guarded = EnforceTenantOnChanges();
        BumpVersions();
        if (guarded)
        {
            await EnsurePracticeWritableAsync(cancellationToken);
        }

        return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    /// <summary>
    /// The server-side half of read-only and suspended practices: however a change arrives (page, service, a bypassed
    /// UI, a circuit opened before the suspension), records of a practice whose trial has ended or that the platform
    /// suspended are not written. Checked against the database, not the circuit's snapshot,
    /// so an upgrade applies at once. The change frame also asks first, before any limit or file is touched, so the
    /// user reads why (and how to continue) rather than a limit message.
    /// </summary>
    public async Task EnsurePracticeWritableAsync(CancellationToken cancellationToken)
    {
        var practiceId = currentTenant.Id;
        var practice = await Practices.AsNoTracking().Where(t => t.Id == practiceId)
            .Select(t => new { t.Plan, t.TrialEndsAtUtc, t.Status }).SingleOrDefaultAsync(cancellationToken);
        if (practice?.Status == PracticeStatus.Suspended)
        {
            throw new Plans.PracticeSuspendedException();
        }

        if (practice is not null && Plans.PracticeAccess.IsReadOnly(practice.Plan, practice.TrialEndsAtUtc, Clock.GetUtcNow().UtcDateTime))
        {
            throw new Plans.PracticeReadOnlyException();
        }
    }

    /// <summary>Every saved change of an edited record moves its version on (see <see cref="IVersioned"/>).</summary>
    private void BumpVersions()
    {
        foreach (var entry in ChangeTracker.Entries<IVersioned>())
        {
            if (entry.State == EntityState.Modified)
            {
                entry.Entity.Version = entry.Property(e => e.Version).OriginalValue + 1;
            }
        }
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
    /// <returns>Whether the changes include practice records that a read-only practice may not write.</returns>
    private bool EnforceTenantOnChanges()
    {
        ChangeTracker.DetectChanges();
        var guardedChanges = false;
        foreach (var entry in ChangeTracker.Entries<ITenantOwned>().ToList())
        {
            if (entry.State is EntityState.Unchanged or EntityState.Detached)
            {
                continue;
            }

            guardedChanges |= !IsPlatformContext && entry.Entity is not IAllowedWhenReadOnly;

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

        return guardedChanges;
    }
}
