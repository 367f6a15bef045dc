using MedicalApp.Data;
using MedicalApp.Data.Entities;
using MedicalApp.Data.Medicines;
using MedicalApp.Web.Features.Medicines;
using MedicalApp.Web.Features.ShortKeys;
using Microsoft.EntityFrameworkCore;

namespace MedicalApp.Tests.Features.Medicines;

/// <summary>
/// Medicines for tests. Catalogue rows are written as the database owner (the application role may not write the global
/// catalogue on PostgreSQL; SQLite has no roles). Names carry a tag unique to the test, so the shipped catalogue, once a
/// migration loads it, never matches a test's searches.
/// </summary>
public static class MedicineTestData
{
    /// <summary>Letters unlikely in any real medicine name (q, x, z), unique per call.</summary>
    public static string NewTag() => "Qx" + new string(Guid.NewGuid().ToString("N")[..6].Select(c => (char)('a' + (c % 26))).ToArray());

    public static async Task<Guid> AddGlobalAsync(
        TestDatabase db, string brandName, string genericName = "Paracetamol", string strength = "500 mg", string dosageForm = "Tablet",
        string drugClass = "Analgesics", MedicineSchedule schedule = MedicineSchedule.OTC, bool active = true)
    {
        await using var context = db.CreateContext(null, DatabaseRole.Migrations);
        var medicine = new GlobalMedicine
        {
            Id = Guid.CreateVersion7(),
            BrandName = brandName,
            GenericName = genericName,
            Strength = strength,
            DosageForm = dosageForm,
            DrugClass = drugClass,
            Category = "Test",
            Manufacturer = "Test Labs",
            Schedule = schedule,
            TypicalPriceInr = 2.50m,
            IsActive = active,
            SearchText = MedicineSearchText.Of(brandName, genericName),
            UpdatedAtUtc = DateTime.UtcNow,
        };
        context.GlobalMedicines.Add(medicine);
        await context.SaveChangesAsync();
        return medicine.Id;
    }

    /// <summary>A practice medicine written directly (no service checks), as set-up.</summary>
    public static async Task<Guid> AddOwnAsync(
        TestPractice practice, string brandName, string genericName = "Paracetamol", string strength = "500 mg", string dosageForm = "Tablet",
        string drugClass = "Analgesics", bool active = true)
    {
        await using var context = practice.Db.CreateContext(practice.Id, DatabaseRole.Platform);
        var medicine = new PracticeMedicine
        {
            BrandName = brandName, GenericName = genericName, Strength = strength, DosageForm = dosageForm, DrugClass = drugClass,
            Category = "", Manufacturer = "", Schedule = MedicineSchedule.H, IsActive = active,
            SearchText = MedicineSearchText.Of(brandName, genericName), CreatedAtUtc = DateTime.UtcNow,
        };
        context.PracticeMedicines.Add(medicine);
        await context.SaveChangesAsync();
        return medicine.Id;
    }

    public static MedicineInput Input(string brand, string generic = "Paracetamol", string strength = "650 mg", string form = "Tablet") => new()
    {
        BrandName = brand, GenericName = generic, Strength = strength, DosageForm = form, DrugClass = "Analgesics",
        Category = "Pain and fever", Manufacturer = "Test Labs", Schedule = MedicineSchedule.OTC, TypicalPriceInr = 2.10m,
    };
}

/// <summary>
/// One fresh practice (Basic plan) with an owner who practises, an admin, two doctors and a receptionist, and the
/// medicine and short-key services as each of them uses them.
/// </summary>
public sealed class MedicinePractice(TestPractice practice)
{
    public TestPractice Practice { get; } = practice;

    public TestMember Owner { get; private init; } = default!;

    public TestMember Admin { get; private init; } = default!;

    public TestMember Doctor { get; private init; } = default!;

    public TestMember OtherDoctor { get; private init; } = default!;

    public TestMember Receptionist { get; private init; } = default!;

    public static async Task<MedicinePractice> CreateAsync(DatabaseFixture fixture, PracticePlan plan = PracticePlan.Basic)
    {
        var practice = await fixture.Db.CreatePracticeAsync(plan: plan, trialEndsAtUtc: plan == PracticePlan.Trial ? DateTime.UtcNow.AddDays(20) : null);
        return new MedicinePractice(practice)
        {
            Owner = await practice.AddMemberAsync(PracticeRoles.Owner | PracticeRoles.Doctor),
            Admin = await practice.AddMemberAsync(PracticeRoles.Admin),
            Doctor = (await practice.AddDoctorAsync()).Member,
            OtherDoctor = (await practice.AddDoctorAsync()).Member,
            Receptionist = await practice.AddMemberAsync(PracticeRoles.Receptionist),
        };
    }

    public MedicineSearch SearchAs(TestMember member) => Practice.As(member).Get<MedicineSearch>();

    public MedicineListQueries ListAs(TestMember member) => Practice.As(member).Get<MedicineListQueries>();

    public PracticeMedicineService MedicinesAs(TestMember member) => Practice.As(member).Get<PracticeMedicineService>();

    public MedicineImportService ImportAs(TestMember member) => Practice.As(member).Get<MedicineImportService>();

    public ShortKeyService ShortKeysAs(TestMember member) => Practice.As(member).Get<ShortKeyService>();

    /// <summary>The actor as the services read it, for the static editor contracts (expansion, lookup).</summary>
    public async Task<MedicalApp.Web.Identity.PracticeActor> ActorAsync(TestMember member) =>
        (await Practice.As(member).Get<MedicalApp.Web.Identity.PracticeActors>().CurrentAsync())!;

    public Task<List<PracticeMedicine>> OwnMedicinesAsync() => Practice.WithContextAsync(db => db.PracticeMedicines.AsNoTracking().ToListAsync());

    public Task<List<AuditEvent>> AuditEventsAsync() => Practice.WithContextAsync(db => db.AuditEvents.AsNoTracking().ToListAsync());

    /// <summary>Counts <paramref name="times"/> prescriptions of a medicine, as finalising prescriptions would.</summary>
    public async Task PrescribeAsync((bool IsGlobal, Guid Id) medicine, int times)
    {
        await using var db = Practice.Context();
        for (var i = 0; i < times; i++)
        {
            await MedicineUsageCounter.RecordAsync(db, [medicine], DateTime.UtcNow, CancellationToken.None);
        }

        await db.SaveChangesAsync();
    }
}
