using MedicalApp.Data;
using MedicalApp.Data.Entities;
using MedicalApp.Data.Plans;
using MedicalApp.Web.Identity;
using MedicalApp.Web.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace MedicalApp.Web.Features.Home;

public sealed record LocationSummary(Guid Id, string Name, string Address, string? Phone, string? Timings, bool IsRegisteredLocation);

public sealed record MemberSummary(string FullName, string Email, PracticeRoles Roles, bool IsActive);

public sealed record PracticeOverview(
    string Name,
    string Slug,
    PlanDefinition Plan,
    PlanLimits Limits,
    DateTime? TrialEndsAtUtc,
    int? TrialDaysLeft,
    string TimeZoneId,
    IReadOnlyList<LocationSummary> Locations,
    IReadOnlyList<MemberSummary> Members,
    int ActiveDoctors)
{
    public int ActiveMemberCount => Members.Count(m => m.IsActive);

    public int CountWithRole(PracticeRoles role) => Members.Count(m => m.IsActive && m.Roles.HasFlag(role));
}

/// <summary>
/// The signed-in home page's summary of the current practice, read in one short unit of work, for an active member
/// of it (as the database says now).
/// </summary>
public sealed class PracticeOverviewService(IDbContextFactory<MedicalDbContext> contextFactory, PracticeActors actors, TimeProvider clock)
{
    public async Task<PracticeOverview?> GetAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        if (db.CurrentTenantId is not { } practiceId || await actors.ReadAsync(db, cancellationToken) is null)
        {
            return null;
        }

        var practice = await db.Practices.AsNoTracking().SingleAsync(t => t.Id == practiceId, cancellationToken);
        var locations = await db.ClinicLocations.AsNoTracking().Where(l => l.IsActive)
            .OrderByDescending(l => l.IsRegisteredLocation).ThenBy(l => l.Name)
            .Select(l => new LocationSummary(l.Id, l.Name, l.Address, l.Phone, l.Timings, l.IsRegisteredLocation))
            .ToListAsync(cancellationToken);
        var members = await db.PracticeMemberships.AsNoTracking()
            .OrderByDescending(m => m.IsActive).ThenBy(m => m.User!.FullName)
            .Select(m => new MemberSummary(m.User!.FullName, m.User.Email ?? "", m.Roles, m.IsActive))
            .ToListAsync(cancellationToken);

        return new PracticeOverview(
            practice.Name,
            practice.Slug,
            PlanCatalog.For(practice.Plan),
            practice.Limits,
            practice.TrialEndsAtUtc,
            TrialPeriod.DaysLeft(practice.Plan, practice.TrialEndsAtUtc, practice.TimeZoneId, clock.GetUtcNow().UtcDateTime),
            practice.TimeZoneId,
            locations,
            members,
            await db.DoctorProfiles.CountAsync(d => d.IsActive && d.Membership!.IsActive, cancellationToken));
    }
}
