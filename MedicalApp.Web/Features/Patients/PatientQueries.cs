using MedicalApp.Data;
using MedicalApp.Data.Entities;
using MedicalApp.Data.Tenancy;
using MedicalApp.Web.Identity;
using MedicalApp.Web.Services.Audit;
using MedicalApp.Web.Validation;
using Microsoft.EntityFrameworkCore;

namespace MedicalApp.Web.Features.Patients;

/// <summary>
/// What the patient pages read: a patient's record (each opening an audited view), a family, a picker's patient, the
/// access report's subject, and the search (PatientQueries.Search.cs). Views are recorded through the audit trail on
/// their own: a read has no transaction to join. Another practice's patients are invisible here.
/// </summary>
public sealed partial class PatientQueries(
    IDbContextFactory<MedicalDbContext> contextFactory,
    PracticeActors actors,
    AuditTrail audit,
    TimeProvider clock)
{
    public const int PageSize = 20;

    /// <summary>
    /// Search totals are counted up to this many (10 pages): a search box's page never pays for counting a huge result
    /// (at 100,000 patients counting to 1,000 costs several milliseconds, to 200 about one); more means "narrow it down".
    /// </summary>
    public const int CountLimit = 200;

    /// <summary>The visit timeline shows this many appointments at most, newest first.</summary>
    public const int MaxVisitsShown = 200;

    /// <summary>
    /// The patient page: the record, family and visit timeline (appointments, newest first, in the practice's time).
    /// Every load of the page is a view of a patient record and is recorded in the audit trail; the page passes
    /// <paramref name="recordView"/> false only to refresh what it already shows after its own change. Null when there
    /// is no such patient in this practice, or the viewer is no longer an active member.
    /// </summary>
    public async Task<PatientRecord?> GetAsync(Guid id, bool recordView = true, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        if (await actors.ReadAsync(db, cancellationToken) is not { } viewer || !viewer.May(PracticePermission.ViewPatients))
        {
            return null;
        }

        var patient = await db.Patients.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (patient is null)
        {
            return null;
        }

        var practice = await PracticeClock.ReadAsync(db, clock, cancellationToken);
        var family = await PatientLookups.FamilyRowsAsync(db, patient.Mobile, practice.Today, cancellationToken);
        var visits = await db.Appointments.AsNoTracking()
            .Where(a => a.PatientId == id)
            .OrderByDescending(a => a.StartsAtUtc)
            .Take(MaxVisitsShown)
            .Select(a => new
            {
                a.Id, a.Number, a.StartsAtUtc, a.EndsAtUtc, a.Status, a.IsWalkIn, a.Reason,
                Doctor = a.Doctor!.Membership!.User!.FullName,
                Location = a.ClinicLocation!.Name,
            })
            .ToListAsync(cancellationToken);

        if (recordView)
        {
            await RecordAsync(viewer, AuditActions.PatientViewed, id, $"Viewed the record of {PatientLookups.FullName(patient)}.", cancellationToken);
        }

        return new PatientRecord(
            patient.Id, patient.FirstName, patient.LastName, patient.DateOfBirth, patient.AgeYears, patient.AgeRecordedOn,
            patient.AgeOn(practice.Today), patient.Gender, patient.Mobile, patient.IsPrimary, patient.Relationship, patient.Email,
            patient.Address, patient.EmergencyContactName, patient.EmergencyContactPhone, patient.BloodGroup, patient.Allergies,
            patient.ChronicConditions, patient.Notes, patient.IsActive, patient.CreatedAtUtc, patient.Version,
            [.. family.Where(m => m.Id != id)],
            [.. visits.Select(v => new PatientVisit(v.Id, v.Number, practice.ToLocal(v.StartsAtUtc), practice.ToLocal(v.EndsAtUtc),
                v.Doctor, v.Location, v.Status, v.IsWalkIn, v.Reason))])
        {
            PreferredLanguage = patient.PreferredLanguage, RemindersOptedOutAtUtc = patient.RemindersOptedOutAtUtc,
        };
    }

    /// <summary>
    /// An active patient of this practice as a picker shows one (a page opened with ?patientId=, or just registered),
    /// or null when there is no such active patient here. Not an audited view: it shows no more than a search row.
    /// </summary>
    public async Task<PatientPick?> FindPickAsync(Guid id, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        await actors.RequireAsync(db, PracticePermission.ViewPatients, cancellationToken: cancellationToken);
        var patient = await db.Patients.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id && p.IsActive, cancellationToken);
        if (patient is null)
        {
            return null;
        }

        var today = (await PracticeClock.ReadAsync(db, clock, cancellationToken)).Today;
        return PatientPick.From(new PatientSearchRow(patient.Id, patient.FirstName, patient.LastName, patient.AgeOn(today), patient.Gender,
            patient.Mobile, patient.IsPrimary, patient.Relationship, patient.IsActive));
    }

    /// <summary>
    /// Opens the "who accessed this record" report (PRODUCT.md §10) for an administrator: the patient's name and
    /// appointments (whose booking, confirming, starting … the report includes), or null
    /// when there is no such patient here or the viewer is not (any more) an administrator. Opening the report is
    /// itself recorded against the patient, so it shows in the report too.
    /// </summary>
    public async Task<PatientAccessSubject?> OpenAccessReportAsync(Guid id, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        if (await actors.ReadAsync(db, cancellationToken) is not { } viewer || !viewer.May(PracticePermission.ViewPatientAccessReport))
        {
            return null;
        }

        var patient = await db.Patients.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (patient is null)
        {
            return null;
        }

        var appointments = await db.Appointments.AsNoTracking().Where(a => a.PatientId == id).Select(a => a.Id).ToListAsync(cancellationToken);
        await RecordAsync(viewer, AuditActions.PatientAccessReportViewed, id, $"Opened who accessed the record of {PatientLookups.FullName(patient)}.", cancellationToken);
        return new PatientAccessSubject(PatientLookups.FullName(patient), appointments);
    }

    /// <summary>The practice's today, which the forms judge dates of birth by (as the services do).</summary>
    public async Task<DateOnly> TodayAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        return (await PracticeClock.ReadAsync(db, clock, cancellationToken)).Today;
    }

    /// <summary>Everyone registered on a mobile (former members too), or null when nobody is.</summary>
    public async Task<FamilyView?> GetFamilyAsync(string mobile, CancellationToken cancellationToken = default)
    {
        if (IndianMobileNumber.Normalize(mobile) is not { } familyMobile)
        {
            return null;
        }

        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        await actors.RequireAsync(db, PracticePermission.ViewPatients, cancellationToken: cancellationToken);
        var today = (await PracticeClock.ReadAsync(db, clock, cancellationToken)).Today;
        var members = await PatientLookups.FamilyRowsAsync(db, familyMobile, today, cancellationToken);
        return members.Count == 0 ? null : new FamilyView(familyMobile, members);
    }

    /// <summary>The active family on a mobile, for "this mobile already has a family" while a form is filled in.</summary>
    public async Task<ExistingFamily?> FindFamilyAsync(string? mobile, CancellationToken cancellationToken = default)
    {
        if (IndianMobileNumber.Normalize(mobile) is not { } familyMobile)
        {
            return null;
        }

        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        await actors.RequireAsync(db, PracticePermission.ViewPatients, cancellationToken: cancellationToken);
        var family = await PatientLookups.ActiveFamilyAsync(db, familyMobile, cancellationToken);
        return family.Count == 0 ? null : PatientLookups.Describe(family);
    }

    private Task RecordAsync(PracticeActor actor, string action, Guid patientId, string details, CancellationToken cancellationToken) =>
        audit.RecordAsync(actor.Entry(action, nameof(Patient), patientId.ToString(), details), cancellationToken);
}
