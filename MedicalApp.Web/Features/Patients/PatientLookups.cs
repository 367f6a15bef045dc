using MedicalApp.Data;
using MedicalApp.Data.Entities;
using MedicalApp.Data.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace MedicalApp.Web.Features.Patients;

/// <summary>The reads that registration, record changes and the pages share: a family on a mobile, and the practice's today.</summary>
internal static class PatientLookups
{
    /// <summary>The active members on a mobile, the primary first, then in the order they were registered.</summary>
    public static async Task<List<Patient>> ActiveFamilyAsync(MedicalDbContext db, string mobile, CancellationToken cancellationToken) =>
        await db.Patients.AsNoTracking().Where(p => p.IsActive && p.Mobile == mobile)
            .OrderByDescending(p => p.IsPrimary).ThenBy(p => p.CreatedAtUtc)
            .ToListAsync(cancellationToken);

    /// <summary>What "this mobile already has a family" says of an active family (not empty).</summary>
    public static ExistingFamily Describe(IReadOnlyList<Patient> family)
    {
        var primary = family.FirstOrDefault(p => p.IsPrimary) ?? family[0];
        return new ExistingFamily(primary.Mobile, primary.Id, FullName(primary), family.Count);
    }

    /// <summary>Everyone on a mobile, former members too: active first, the primary leading, then by registration.</summary>
    public static async Task<List<FamilyMemberRow>> FamilyRowsAsync(MedicalDbContext db, string mobile, DateOnly today, CancellationToken cancellationToken)
    {
        var members = await db.Patients.AsNoTracking().Where(p => p.Mobile == mobile).ToListAsync(cancellationToken);
        return [.. members
            .OrderByDescending(p => p.IsActive).ThenByDescending(p => p.IsPrimary).ThenBy(p => p.CreatedAtUtc).ThenBy(p => p.FirstName, StringComparer.CurrentCultureIgnoreCase)
            .Select(p => new FamilyMemberRow(p.Id, p.FirstName, p.LastName, p.Relationship, p.IsPrimary, p.AgeOn(today), p.Gender, p.IsActive))];
    }

    /// <summary>"Today" in the practice's own calendar at <paramref name="nowUtc"/>: what a date of birth and a recorded age are judged by.</summary>
    public static async Task<DateOnly> TodayAsync(MedicalDbContext db, DateTime nowUtc, CancellationToken cancellationToken)
    {
        var practiceId = db.RequirePracticeId();
        var zoneId = await db.Practices.AsNoTracking().Where(t => t.Id == practiceId).Select(t => t.TimeZoneId).FirstOrDefaultAsync(cancellationToken);
        return DateOnly.FromDateTime(PracticeTime.ToLocal(nowUtc, zoneId));
    }

    public static string FullName(Patient patient) => $"{patient.FirstName} {patient.LastName}";
}
