using MedicalApp.Data;
using MedicalApp.Data.Entities;
using MedicalApp.Data.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace MedicalApp.Tests.TestSupport;

/// <summary>
/// A valid new row of each tenant-owned entity, and a change to make to it. The isolation matrix runs over this list,
/// and a test fails when the model has a tenant-owned entity that is missing here: a new entity joins the matrix
/// by adding one line.
/// </summary>
public sealed record TenantOwnedSample(Type EntityType, Func<MedicalDbContext, ITenantOwned> Create, Action<ITenantOwned> Change)
{
    public override string ToString() => EntityType.Name;
}

public static class TenantOwnedSamples
{
    public static IReadOnlyList<TenantOwnedSample> All { get; } =
    [
        new(typeof(ClinicLocation),
            _ => new ClinicLocation { Name = "Sample clinic", Address = "1 Sample Street", CreatedAtUtc = DateTime.UtcNow },
            e => ((ClinicLocation)e).Name = "Renamed clinic"),
        new(typeof(TenantMembership),
            db =>
            {
                var email = $"member-{Guid.NewGuid():N}@sample.test";
                var user = new ApplicationUser
                {
                    UserName = email, NormalizedUserName = email.ToUpperInvariant(), Email = email, NormalizedEmail = email.ToUpperInvariant(),
                    FullName = "Sample Member", SecurityStamp = Guid.NewGuid().ToString(), CreatedAtUtc = DateTime.UtcNow,
                };
                db.Users.Add(user);
                return new TenantMembership { User = user, Roles = PracticeRoles.Nurse, CreatedAtUtc = DateTime.UtcNow };
            },
            e => ((TenantMembership)e).Roles = PracticeRoles.Admin),
        new(typeof(AuditEvent),
            _ => new AuditEvent { Action = "SampleAction", EntityType = "Sample", EntityId = "1", OccurredAtUtc = DateTime.UtcNow },
            e => ((AuditEvent)e).Details = "rewritten"),
    ];

    public static TenantOwnedSample For(string entityName) => All.Single(s => s.EntityType.Name == entityName);

    public static TheoryData<string> EntityNames => new(All.Select(s => s.EntityType.Name));
}

/// <summary>Generic queries over one tenant-owned entity type, called with the type chosen at run time.</summary>
public static class TenantRows
{
    public static Task<int> CountVisibleAsync(MedicalDbContext db, Type type, Guid id) => Invoke<int>(nameof(CountVisible), type, db, id);

    public static Task<ITenantOwned?> LoadAcrossPracticesAsync(MedicalDbContext db, Type type, Guid id) =>
        Invoke<ITenantOwned?>(nameof(LoadAcrossPractices), type, db, id);

    public static Task<int> ExecuteDeleteVisibleAsync(MedicalDbContext db, Type type, Guid id) => Invoke<int>(nameof(ExecuteDeleteVisible), type, db, id);

    private static Task<int> CountVisible<T>(MedicalDbContext db, Guid id)
        where T : class, ITenantOwned => db.Set<T>().CountAsync(e => e.Id == id);

    private static async Task<ITenantOwned?> LoadAcrossPractices<T>(MedicalDbContext db, Guid id)
        where T : class, ITenantOwned => await db.Set<T>().IgnoreQueryFilters([MedicalDbContext.TenantFilter]).SingleOrDefaultAsync(e => e.Id == id);

    private static Task<int> ExecuteDeleteVisible<T>(MedicalDbContext db, Guid id)
        where T : class, ITenantOwned => db.Set<T>().Where(e => e.Id == id).ExecuteDeleteAsync();

    private static Task<TResult> Invoke<TResult>(string method, Type type, params object[] arguments) =>
        (Task<TResult>)typeof(TenantRows).GetMethod(method, System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!
            .MakeGenericMethod(type).Invoke(null, arguments)!;
}
