using System.Globalization;
using MedicalApp.Data;
using MedicalApp.Data.Entities;
using MedicalApp.Data.Tenancy;
using MedicalApp.Web.Features.Consultations;
using MedicalApp.Web.Identity;
using MedicalApp.Web.Services.Audit;
using Microsoft.EntityFrameworkCore;

namespace MedicalApp.Web.Features.Prescriptions;

public sealed record PrescriptionListRow(
    Guid Id, string Number, int VersionNumber, string PatientName, string DoctorName, PrescriptionStatus Status, DateTime LocalFinalisedAt);

public sealed record PrescriptionLineView(
    int Position, string BrandName, string GenericName, string Strength, string DosageForm, string? Dose, string? Frequency,
    string? Duration, MedicineTiming Timing, string? Instructions, int? Quantity, string? ConfirmedWarning);

public sealed record PrescriptionView(
    Guid Id, string Number, int VersionNumber, PrescriptionStatus Status, Guid AppointmentId, Guid PatientId, string PatientName,
    string DoctorName, string LocationName, DateTime LocalFinalisedAt, string? Diagnosis, string? Advice, DateOnly? FollowUpOn,
    string? CancellationReason, Guid? SupersededById, Guid? SupersedesId, IReadOnlyList<PrescriptionLineView> Lines, bool IsOwnDoctor);

/// <summary>
/// Reading prescriptions: everyone in the practice may look them up and print them (the front desk hands them over);
/// opening one is recorded against its patient, so it appears in the patient's "who accessed" report. Drafts are the
/// doctor's work in progress and are not listed.
/// </summary>
public sealed class PrescriptionQueries(IDbContextFactory<MedicalDbContext> contextFactory, PracticeActors actors, AuditTrail audit, TimeProvider clock)
{
    public const int PageSize = 50;

    public async Task<IReadOnlyList<PrescriptionListRow>> ListAsync(string? search, Guid? doctorProfileId = null, Guid? patientId = null, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        await actors.RequireAsync(db, PracticePermission.ViewPrescriptions, cancellationToken: cancellationToken);
        var practice = await PracticeClock.ReadAsync(db, clock, cancellationToken);
        var query = db.Prescriptions.AsNoTracking().Where(p => p.Status != PrescriptionStatus.Draft);
        if (doctorProfileId is { } doctor)
        {
            query = query.Where(p => p.DoctorProfileId == doctor);
        }

        if (patientId is { } patient)
        {
            query = query.Where(p => p.PatientId == patient);
        }

        var term = search?.Replace('’', '\'').Trim();
        if (!string.IsNullOrEmpty(term))
        {
            var upper = term.ToUpperInvariant();
            var lower = term.ToLowerInvariant();
            query = query.Where(p => p.Number!.Contains(upper) || p.Patient!.SearchName.Contains(lower) || p.Patient.Mobile.Contains(term));
        }

        var rows = await query.OrderByDescending(p => p.FinalisedAtUtc).ThenByDescending(p => p.VersionNumber).Take(PageSize)
            .Select(p => new
            {
                p.Id, p.Number, p.VersionNumber, Patient = p.Patient!.FirstName + " " + p.Patient.LastName,
                Doctor = p.Doctor!.Membership!.User!.FullName, p.Status, p.FinalisedAtUtc,
            })
            .ToListAsync(cancellationToken);
        return rows.Select(r => new PrescriptionListRow(r.Id, r.Number!, r.VersionNumber, r.Patient, r.Doctor, r.Status, practice.ToLocal(r.FinalisedAtUtc!.Value))).ToList();
    }

    /// <summary>The practice's doctors, for the list's doctor filter (each doctor's history).</summary>
    public async Task<IReadOnlyList<(Guid Id, string Name)>> DoctorsAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        await actors.RequireAsync(db, PracticePermission.ViewPrescriptions, cancellationToken: cancellationToken);
        var doctors = await db.DoctorProfiles.AsNoTracking().OrderBy(d => d.Membership!.User!.FullName)
            .Select(d => new { d.Id, d.Membership!.User!.FullName }).ToListAsync(cancellationToken);
        return doctors.Select(d => (d.Id, d.FullName)).ToList();
    }

    /// <summary>One finalised prescription (any version), recorded as opened; null when there is no such one here.</summary>
    public async Task<PrescriptionView?> OpenAsync(Guid id, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        if (await actors.ReadAsync(db, cancellationToken) is not { } actor || !actor.May(PracticePermission.ViewPrescriptions))
        {
            return null;
        }

        var view = await LoadAsync(db, actor, id, cancellationToken);
        if (view is not null)
        {
            await audit.RecordAsync(actor.Entry(AuditActions.PrescriptionViewed, nameof(Patient), view.PatientId.ToString(),
                $"Opened {view.Number} (version {view.VersionNumber}) of {view.PatientName}."), cancellationToken);
        }

        return view;
    }

    internal async Task<PrescriptionView?> LoadAsync(MedicalDbContext db, PracticeActor actor, Guid id, CancellationToken cancellationToken)
    {
        var practice = await PracticeClock.ReadAsync(db, clock, cancellationToken);
        var p = await db.Prescriptions.AsNoTracking().Include(x => x.Lines)
            .Where(x => x.Id == id && x.Status != PrescriptionStatus.Draft)
            .Select(x => new
            {
                Prescription = x, Patient = x.Patient!.FirstName + " " + x.Patient.LastName, Doctor = x.Doctor!.Membership!.User!.FullName,
                Location = db.ClinicLocations.Where(l => l.Id == x.ClinicLocationId).Select(l => l.Name).First(),
            })
            .FirstOrDefaultAsync(cancellationToken);
        if (p is null)
        {
            return null;
        }

        var x = p.Prescription;
        return new PrescriptionView(x.Id, x.Number!, x.VersionNumber, x.Status, x.AppointmentId, x.PatientId, p.Patient, p.Doctor, p.Location,
            practice.ToLocal(x.FinalisedAtUtc!.Value), x.Diagnosis, x.Advice, x.FollowUpOn, x.CancellationReason, x.SupersededByPrescriptionId,
            x.SupersedesPrescriptionId,
            x.Lines.OrderBy(l => l.Position).Select(l => new PrescriptionLineView(l.Position, l.BrandName, l.GenericName, l.Strength, l.DosageForm,
                l.Dose, l.Frequency, l.Duration, l.Timing, l.Instructions, l.Quantity, l.ConfirmedWarning)).ToList(),
            actor.DoctorProfileId == x.DoctorProfileId && actor.May(PracticePermission.WritePrescriptions));
    }

    public static string StatusLabel(PrescriptionStatus status) => status switch
    {
        PrescriptionStatus.Active => "Active",
        PrescriptionStatus.Completed => "Course completed",
        PrescriptionStatus.Cancelled => "Cancelled",
        PrescriptionStatus.Superseded => "Superseded by a correction",
        _ => "Draft",
    };

    public static string Date(DateTime local) => local.ToString("d MMM yyyy", CultureInfo.InvariantCulture);
}
